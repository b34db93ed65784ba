// The Payments page's server actions (public endpoints): anonymous callers and STAFF are refused and change
// nothing; the owner's attach is kept with who and when. The session is mocked, as in dashboard-access.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { resetShop } from "./support/database";
import { formOf, ownerAndStaff } from "./support/sellers";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { attachUnmatchedPayment, markPaymentRefunded, registerPaybillUrls } =
  await import("@/lib/dashboard/c2b-actions");

let owner: SellerUser;
let staff: SellerUser;
let paymentId: string;

beforeAll(async () => {
  await resetShop();
  ({ owner, staff } = await ownerAndStaff("staff-c2b@duka.test"));
  await prisma.order.create({
    data: {
      publicId: "pub-c2b-access-1",
      reference: "DK-C2BAC2",
      customerName: "Asha",
      phone: "254712345678",
      status: "PENDING",
      totalKes: 700,
      reservedUntil: new Date(Date.now() + 600_000),
    },
  });
  const payment = await prisma.c2bPayment.create({
    data: {
      transId: "TACC2B0001",
      transactionType: "Buy Goods",
      shortcode: "174379",
      billRefNumber: "",
      amountKes: 700,
      transTime: new Date(),
      msisdn: "2547 ***** 678",
      firstName: "ASHA",
      status: "UNMATCHED",
    },
  });
  paymentId = payment.id;
});

beforeEach(() => {
  session.user = null;
});

describe("Payments page actions", () => {
  it("refuse anonymous callers and staff, changing nothing", async () => {
    for (const user of [null, staff]) {
      session.user = user;
      const status = user ? 403 : 401;
      expect(await attachUnmatchedPayment(null, formOf({ paymentId, reference: "DK-C2BAC2" }))).toMatchObject(
        {
          ok: false,
          status,
        },
      );
      expect(await markPaymentRefunded(null, formOf({ paymentId }))).toMatchObject({ ok: false, status });
      expect(await registerPaybillUrls()).toMatchObject({ ok: false, status });
    }
    expect(await prisma.c2bPayment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: "UNMATCHED",
      resolvedBy: null,
    });
    expect(await prisma.c2bRegistration.count()).toBe(0);
  });

  it("lets the owner attach, with a field error for an unknown reference, and keeps who did it", async () => {
    session.user = owner;
    const unknown = await attachUnmatchedPayment(null, formOf({ paymentId, reference: "DK-ZZZZZZ" }));
    expect(unknown).toMatchObject({
      ok: false,
      fieldErrors: { reference: [expect.stringContaining("No order")] },
    });
    const attached = await attachUnmatchedPayment(null, formOf({ paymentId, reference: "dk c2bac2" }));
    expect(attached).toMatchObject({ ok: true });
    expect(await prisma.c2bPayment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
      status: "APPLIED",
      resolvedBy: owner.email,
      resolvedAt: expect.any(Date),
    });
    expect((await prisma.order.findUniqueOrThrow({ where: { reference: "DK-C2BAC2" } })).status).toBe("PAID");
  });
});
