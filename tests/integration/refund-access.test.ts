// The refund actions (public endpoints): anonymous callers and STAFF are refused (401/403) and nothing is
// sent; the owner reviews, then sends, one refund for one form key. The session is mocked.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import {
  checkoutOk,
  createProduct,
  freshPhone,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";
import { formOf, ownerAndStaff } from "./support/sellers";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { refundOrder } = await import("@/lib/dashboard/refund-actions");
const harness = withPaymentsHarness();
let owner: SellerUser;
let staff: SellerUser;
let reference = "";
let receipt = "";

beforeAll(async () => {
  // The harness starts from an empty shop: the owner the seed would make.
  await prisma.user.create({
    data: { email: "owner-refunds@duka.test", name: "Owner", passwordHash: "x", role: "OWNER" },
  });
  ({ owner, staff } = await ownerAndStaff("staff-refunds@duka.test"));
  const product = await createProduct({ stock: 2, priceKes: 1800 });
  const phone = freshPhone();
  const { order } = await checkoutOk(harness, product.id, phone);
  await harness.emulator.control.pay(phone);
  const paid = await waitFor(async () => {
    const o = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    return o.status === "PAID" && o;
  });
  reference = paid.reference;
  receipt = paid.mpesaReceipt!;
});

beforeEach(() => {
  session.user = null;
});

const form = (step: "review" | "send", extra: Record<string, string> = {}) =>
  formOf({
    reference,
    amountKes: "1800",
    reason: "Out of stock",
    idempotencyKey: "form-key-123456",
    step,
    ...extra,
  });

describe("refund actions", () => {
  it("refuse anonymous callers and staff, sending nothing", async () => {
    for (const [user, status] of [
      [null, 401],
      [staff, 403],
    ] as const) {
      session.user = user;
      expect(await refundOrder(null, form("send"))).toMatchObject({ ok: false, status });
    }
    expect(await prisma.refund.count()).toBe(0);
    expect(harness.emulator.control.moneyOut()).toEqual([]);
  });

  it("let the owner review exactly what will happen, then send one refund however often pressed", async () => {
    session.user = owner;
    const review = await refundOrder(null, form("review"));
    expect(review).toMatchObject({ ok: true, step: "confirm" });
    expect(review.ok && review.sentence).toMatch(
      new RegExp(`^KES 1,800 back to 2547\\*{6}\\d{3} by M-Pesa reversal of ${receipt}$`),
    );
    expect(await prisma.refund.count()).toBe(0);
    const [first, second] = await Promise.all([
      refundOrder(null, form("send")),
      refundOrder(null, form("send")),
    ]);
    expect(first).toMatchObject({ ok: true, step: "sent" });
    expect(second).toMatchObject({ ok: true });
    expect(await prisma.refund.count()).toBe(1);
    await waitFor(async () => (await prisma.refund.findFirstOrThrow()).status === "SUCCEEDED");
    expect(harness.emulator.control.moneyOut()).toHaveLength(1);
  });

  it("refuse more than is left, keeping the field's error", async () => {
    session.user = owner;
    expect(await refundOrder(null, form("review", { idempotencyKey: "another-key-1234" }))).toMatchObject({
      ok: false,
      fieldErrors: { amountKes: ["Everything received on this order has already been refunded."] },
    });
  });
});
