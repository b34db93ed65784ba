// Every dashboard route handler and server action, called anonymously and as STAFF: all must refuse
// what the caller may not do, and change nothing. The session is our own boundary (lib/auth/session),
// so the test plays the caller by mocking it.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { resetShop } from "./support/database";
import { formOf, ownerAndStaff } from "./support/sellers";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { GET: summary } = await import("@/app/api/dashboard/summary/route");
const { GET: summaryEvents } = await import("@/app/api/dashboard/summary/events/route");
const { GET: exportCsv } = await import("@/app/api/dashboard/orders/export/route");
const { setFulfilment } = await import("@/lib/dashboard/order-actions");
const { saveProduct, setProductArchived } = await import("@/lib/dashboard/product-actions");
const { createStaff, resetStaffPassword, setStaffDisabled } = await import("@/lib/dashboard/staff-actions");

let owner: SellerUser;
let staff: SellerUser;
let productId: string;
let categoryId: string;

beforeAll(async () => {
  await resetShop();
  ({ owner, staff } = await ownerAndStaff("staff@duka.test"));
  const p = await prisma.product.findFirstOrThrow({ where: { active: true } });
  productId = p.id;
  categoryId = p.categoryId;
  const order = await prisma.order.create({
    data: {
      publicId: "pub-access-1",
      reference: "DK-ACC01",
      customerName: "Asha",
      phone: "254712345678",
      status: "PAID",
      totalKes: 500,
      reservedUntil: new Date(),
      paidAt: new Date(),
      mpesaReceipt: "TACCESS001",
    },
  });
  expect(order.fulfilment).toBe("UNFULFILLED");
});

beforeEach(() => {
  session.user = null;
});

const productForm = () =>
  formOf({
    id: productId,
    name: "Renamed",
    slug: "renamed-product",
    description: "A description long enough",
    priceKes: "1",
    stock: "0",
    categoryId,
  });

const ownerActions = {
  saveProduct: () => saveProduct(null, productForm()),
  archiveProduct: () => setProductArchived(null, formOf({ id: productId, archived: "true" })),
  createStaff: () =>
    createStaff(null, formOf({ name: "Eve", email: "eve@duka.test", password: "long-enough-pass" })),
  resetStaffPassword: () => resetStaffPassword(null, formOf({ id: staff.id, password: "another-long-pass" })),
  disableStaff: () => setStaffDisabled(null, formOf({ id: staff.id, disabled: "true" })),
};

async function expectNothingChanged() {
  const p = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
  expect(p.name).not.toBe("Renamed");
  expect(p.active).toBe(true);
  expect(await prisma.user.count({ where: { email: "eve@duka.test" } })).toBe(0);
  const s = await prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
  expect(s.passwordHash).toBe("x");
  expect(s.disabled).toBe(false);
}

describe("anonymous callers", () => {
  it("get 401 from every dashboard API", async () => {
    for (const res of [
      await summary(),
      await summaryEvents(new Request("http://x/api/dashboard/summary/events")),
      await exportCsv(new Request("http://x/api/dashboard/orders/export?status=all")),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("DK-ACC01");
    }
  });

  it("are refused by every server action, which changes nothing", async () => {
    const fulfil = await setFulfilment(null, formOf({ reference: "DK-ACC01", fulfilment: "FULFILLED" }));
    expect(fulfil).toMatchObject({ ok: false, status: 401 });
    for (const [name, act] of Object.entries(ownerActions))
      expect(await act(), name).toMatchObject({ ok: false, status: 401 });
    expect((await prisma.order.findUniqueOrThrow({ where: { reference: "DK-ACC01" } })).fulfilment).toBe(
      "UNFULFILLED",
    );
    await expectNothingChanged();
  });
});

describe("STAFF", () => {
  it("reads the dashboard APIs", async () => {
    session.user = staff;
    expect((await summary()).status).toBe(200);
    const live = await summaryEvents(new Request("http://x/api/dashboard/summary/events"));
    expect(live.status).toBe(200);
    expect(live.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("DK-ACC01")) text += (await reader.read()).value ?? "";
    await reader.cancel();
    const csv = await exportCsv(new Request("http://x/api/dashboard/orders/export"));
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("DK-ACC01");
  });

  it("gets 403 from every owner action, which changes nothing", async () => {
    session.user = staff;
    for (const [name, act] of Object.entries(ownerActions))
      expect(await act(), name).toMatchObject({ ok: false, status: 403 });
    await expectNothingChanged();
  });

  it("may fulfil a paid order", async () => {
    session.user = staff;
    expect(
      await setFulfilment(null, formOf({ reference: "DK-ACC01", fulfilment: "FULFILLED" })),
    ).toMatchObject({ ok: true });
    const o = await prisma.order.findUniqueOrThrow({ where: { reference: "DK-ACC01" } });
    expect(o.fulfilment).toBe("FULFILLED");
    expect(o.fulfilledAt).not.toBeNull();
  });
});

describe("OWNER", () => {
  it("manages products and staff", async () => {
    session.user = owner;
    expect(await ownerActions.saveProduct()).toMatchObject({ ok: true });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: productId } })).name).toBe("Renamed");
    expect(await ownerActions.archiveProduct()).toMatchObject({ ok: true });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: productId } })).active).toBe(false);
    expect(await ownerActions.createStaff()).toMatchObject({ ok: true });
    expect(await ownerActions.disableStaff()).toMatchObject({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).disabled).toBe(true);
  });

  it("cannot disable their own account", async () => {
    session.user = owner;
    expect(await setStaffDisabled(null, formOf({ id: owner.id, disabled: "true" }))).toMatchObject({
      ok: false,
    });
  });

  it("gets field errors for an invalid product", async () => {
    session.user = owner;
    const r = await saveProduct(
      null,
      formOf({
        name: "",
        slug: "Bad Slug",
        description: "short",
        priceKes: "abc",
        stock: "-1",
        categoryId: "",
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual([
      "categoryId",
      "description",
      "image",
      "name",
      "priceKes",
      "slug",
      "stock",
    ]);
  });
});
