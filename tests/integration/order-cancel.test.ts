/** The seller cancels an unpaid order: its stock comes back, the history says who; money after it is flagged. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { orderEvents } from "@/lib/payments/core/events";
import { orderMoney } from "@/lib/payments/core/money";
import { cancelOrder } from "@/lib/payments/core/state-machine";
import { applyAttemptResult } from "@/lib/payments/stk/attempt-result";
import {
  checkoutOk,
  createProduct,
  freshPhone,
  newReceipt,
  readOrder,
  stockOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const SELLER = "owner@duka.test";

describe("cancelling an order", () => {
  it("waits for an open prompt, then releases the stock and records who cancelled and why", async () => {
    const product = await createProduct({ stock: 3, priceKes: 700 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    expect(await stockOf(product.id)).toBe(2);

    expect(await cancelOrder(attempt.orderId, { by: SELLER })).toEqual({
      ok: false,
      reason: "A payment prompt for this order is still open. Wait for its outcome, then cancel.",
    });
    await harness.emulator.control.cancel(phone);
    await waitFor(async () => (await readOrder(publicId)).status === "FAILED");

    expect(await cancelOrder(attempt.orderId, { by: SELLER, note: "Customer changed their mind" })).toEqual({
      ok: true,
    });
    expect(await readOrder(publicId)).toMatchObject({ status: "CANCELLED", stockReserved: false });
    expect(await stockOf(product.id)).toBe(3);
    const last = (await orderEvents(prisma, attempt.orderId)).slice(-2);
    expect(last.map((e) => [e.kind, e.toStatus, e.actor, e.note])).toEqual([
      ["ORDER_STATUS", "CANCELLED", SELLER, null],
      ["SELLER_ACTION", null, SELLER, "Cancelled: Customer changed their mind"],
    ]);
    // Twice is refused, and changes nothing.
    expect(await cancelOrder(attempt.orderId, { by: SELLER })).toMatchObject({ ok: false });
    expect(await stockOf(product.id)).toBe(3);
  });

  it("keeps money that arrives afterwards, flagged for a refund, and never re-takes the stock", async () => {
    const product = await createProduct({ stock: 1, priceKes: 710 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    await harness.emulator.control.cancel(phone);
    await waitFor(async () => (await readOrder(publicId)).status === "FAILED");
    expect((await cancelOrder(attempt.orderId, { by: SELLER })).ok).toBe(true);

    const receipt = newReceipt();
    const verdict = await applyAttemptResult(attempt, {
      kind: "success",
      source: "callback",
      amountKes: 710,
      receipt,
      transactionDate: null,
    });
    expect(verdict).toMatchObject({ outcome: "flagged" });
    const order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "CANCELLED", needsAttention: true, paidAt: null });
    expect(order.attentionReason).toContain(
      `A second payment (${receipt}, KES 710) arrived for an order cancelled`,
    );
    expect(await stockOf(product.id)).toBe(1);
    expect(await orderMoney(prisma, attempt.orderId)).toMatchObject({
      dueKes: 0,
      receivedKes: 710,
      balanceKes: -710,
    });
  });

  it("is refused for a paid order", async () => {
    const product = await createProduct({ stock: 1, priceKes: 720 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    await harness.emulator.control.pay(phone);
    await waitFor(async () => (await readOrder(publicId)).status === "PAID");
    expect(await cancelOrder(attempt.orderId, { by: SELLER })).toEqual({
      ok: false,
      reason: "An order paid cannot be cancelled.",
    });
  });
});
