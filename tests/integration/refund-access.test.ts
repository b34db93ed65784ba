// The refund actions (public endpoints): anonymous callers and STAFF are refused (401/403) and nothing is
// sent; the owner reviews, then sends, one refund for one form key. The session is mocked.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { openFlags } from "@/lib/payments/core/flags";
import { configurePayments } from "@/lib/payments/shared/context";
import {
  checkoutOk,
  createProduct,
  freshPhone,
  stockOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";
import { formOf, ownerAndStaff } from "./support/sellers";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { cancelPaidOrderAction, refundOrder } = await import("@/lib/dashboard/refund-actions");
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
  const paid = await paidOrderOf(product.id);
  reference = paid.reference;
  receipt = paid.mpesaReceipt!;
});

/** One order of the product, checked out and paid on the emulator's phone. */
async function paidOrderOf(productId: string) {
  const phone = freshPhone();
  const { order } = await checkoutOk(harness, productId, phone);
  await harness.emulator.control.pay(phone);
  return waitFor(async () => {
    const o = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    return o.status === "PAID" && o;
  });
}

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
    // Typed as shillings are anywhere in the dashboard; a comma that groups nothing is refused, not guessed.
    expect(await refundOrder(null, form("review", { amountKes: "1,80" }))).toMatchObject({
      ok: false,
      fieldErrors: { amountKes: ["Enter the amount in whole shillings, e.g. 1,500."] },
      values: { amountKes: "1,80" },
    });
    const review = await refundOrder(null, form("review", { amountKes: "KES 1,800" }));
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

  it("cancel a paid order and refund it in the same step: owner only, once, stock back when asked", async () => {
    const product = await createProduct({ stock: 4, priceKes: 650 });
    const paid = await paidOrderOf(product.id);
    expect(await stockOf(product.id)).toBe(3);
    const cancel = (extra: Record<string, string> = {}) =>
      formOf({
        reference: paid.reference,
        reason: "Out of stock",
        note: "supplier let us down",
        restock: "on",
        idempotencyKey: "cancel-key-123456",
        ...extra,
      });
    session.user = staff;
    expect(await cancelPaidOrderAction(null, cancel())).toMatchObject({ ok: false, status: 403 });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe("PAID");
    session.user = owner;
    const [first, second] = await Promise.all([
      cancelPaidOrderAction(null, cancel()),
      cancelPaidOrderAction(null, cancel()),
    ]);
    expect(first).toMatchObject({
      ok: true,
      message: "Order cancelled. Its items are back in stock. Refund of KES 650 sent to M-Pesa.",
    });
    expect(second).toMatchObject({ ok: true });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe("CANCELLED");
    expect(await stockOf(product.id)).toBe(4);
    const refunds = await prisma.refund.findMany({ where: { orderId: paid.id } });
    expect(refunds).toEqual([
      expect.objectContaining({
        amountKes: 650,
        method: "REVERSAL",
        originalReceipt: paid.mpesaReceipt,
        reason: "Order cancelled (Out of stock: supplier let us down)",
      }),
    ]);
    await waitFor(
      async () =>
        (await prisma.refund.findUniqueOrThrow({ where: { id: refunds[0]!.id } })).status === "SUCCEEDED",
    );
    expect(harness.emulator.control.moneyOut().filter((m) => m.transactionId === paid.mpesaReceipt)).toEqual([
      expect.objectContaining({ api: "reversal", amount: 650, resultCode: "0" }),
    ]);
    // Already cancelled: a second cancellation (another key) is refused and sends nothing more.
    expect(await cancelPaidOrderAction(null, cancel({ idempotencyKey: "cancel-key-other1" }))).toMatchObject({
      ok: false,
      message: "An order cancelled cannot be cancelled here.",
    });
    expect(await stockOf(product.id)).toBe(4);
  });

  it("answers in words when M-Pesa refuses the refund at once: the refund form and the cancel form", async () => {
    session.user = owner;
    const product = await createProduct({ stock: 3, priceKes: 720 });
    const paid = await paidOrderOf(product.id);
    harness.emulator.control.fault({ target: "initiator", kind: "error" });
    const refund = (step: "review" | "send") =>
      formOf({
        reference: paid.reference,
        amountKes: "200",
        reason: "Out of stock",
        idempotencyKey: "refused-refund-123456",
        step,
      });
    expect(await refundOrder(null, refund("review"))).toMatchObject({ ok: true, step: "confirm" });
    expect(await refundOrder(null, refund("send"))).toMatchObject({
      ok: true,
      step: "sent",
      failed: true,
      message: expect.stringMatching(
        /^Refund not sent: M-Pesa refused the request: .*No money left the shop\.$/,
      ),
      values: expect.objectContaining({ amountKes: "200", reason: "Out of stock" }),
    });
    harness.emulator.control.fault({ target: "initiator", kind: "error" });
    expect(
      await cancelPaidOrderAction(
        null,
        formOf({
          reference: paid.reference,
          reason: "Out of stock",
          idempotencyKey: "refused-cancel-123456",
        }),
      ),
    ).toMatchObject({
      ok: true,
      refundFailed: true,
      message: expect.stringMatching(
        /^Order cancelled\. Refund of KES 720 not sent: M-Pesa refused the request/,
      ),
    });
  });

  it("with refunds by M-Pesa off, cancel a paid order and flag it for a refund by hand, sending nothing", async () => {
    const product = await createProduct({ stock: 3, priceKes: 540 });
    const paid = await paidOrderOf(product.id);
    configurePayments({ refundsOffReason: "MPESA_INITIATOR_NAME is not set" });
    session.user = owner;
    const answer = await cancelPaidOrderAction(
      null,
      formOf({
        reference: paid.reference,
        reason: "Out of stock",
        restock: "on",
        idempotencyKey: "cancel-off-123456",
      }),
    );
    expect(answer).toMatchObject({
      ok: true,
      message:
        "Order cancelled. Its items are back in stock. Refund KES 540 outside M-Pesa: the order stays flagged until you mark it resolved.",
    });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe("CANCELLED");
    expect(await stockOf(product.id)).toBe(3);
    expect(await openFlags(prisma, paid.id)).toEqual([
      expect.objectContaining({ amountKes: 540, note: expect.stringContaining("refund KES 540") }),
    ]);
    expect(await prisma.refund.count({ where: { orderId: paid.id } })).toBe(0);
    expect(harness.emulator.control.moneyOut().filter((m) => m.transactionId === paid.mpesaReceipt)).toEqual(
      [],
    );
  });
});
