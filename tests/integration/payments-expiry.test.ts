/** Reservations end once; money that arrives late or twice is kept and shown to the seller. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import { retryPayment } from "@/lib/payments/stk/retry";
import {
  callbackEvents,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

describe("expiry", () => {
  it("releases the stock of an unpaid order exactly once, even when two runs race", async () => {
    const product = await createProduct({ stock: 5, priceKes: 1010 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone, { quantity: 2 });
    await harness.emulator.control.cancel(phone);
    expect(await stockOf(product.id)).toBe(3);
    const failed = await readOrder(publicId);
    expect(failed.status).toBe("FAILED");

    // Not before its reservation ends.
    clock.advance(60);
    expect(await expireDueOrders()).toBe(0);
    clock.set(new Date(failed.reservedUntil.getTime() + 1000));

    const counts = await Promise.all([expireDueOrders(), expireDueOrders(), expireDueOrders()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "EXPIRED", stockReserved: false, paidAt: null });
    expect(await stockOf(product.id)).toBe(5);
    expect(await expireDueOrders()).toBe(0);
    expect(await stockOf(product.id)).toBe(5);
    expect(await retryPayment(publicId)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/can no longer be paid/),
    });
  });

  it("keeps an order whose prompt is still open reserved, until the attempt is too old to hold it", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1020 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    clock.advance(16 * 60);
    expect(await expireDueOrders()).toBe(0);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    clock.advance(15 * 60);
    expect(await expireDueOrders()).toBe(1);
    expect((await readOrder(publicId)).status).toBe("EXPIRED");
    expect(await stockOf(product.id)).toBe(2);
  });
});

describe("late money", () => {
  it("pays an expired order whose stock is still there, and flags it", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1030 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    clock.advance(31 * 60);
    expect(await expireDueOrders()).toBe(1);
    expect(await stockOf(product.id)).toBe(2);

    await harness.emulator.control.pay(phone);
    const order = await readOrder(publicId);
    const receipt = harness.emulator.control.ledger(phone).entries[0]!.receipt;
    expect(order).toMatchObject({
      status: "PAID",
      mpesaReceipt: receipt,
      stockReserved: true,
      needsAttention: true,
    });
    expect(order.attentionReason).toMatch(/after the order expired; its stock was taken again/);
    expect(order.attempts[0]).toMatchObject({ status: "SUCCEEDED", receipt });
    expect(await stockOf(product.id)).toBe(1);
    expect((await callbackEvents(attempt.id)).map((e) => e.verdict)).toEqual(["APPLIED"]);
  });

  it("records a late payment whose stock was sold meanwhile and flags it, without overselling", async () => {
    const product = await createProduct({ stock: 1, priceKes: 1040 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    clock.advance(31 * 60);
    expect(await expireDueOrders()).toBe(1);
    const other = await checkoutOk(harness, product.id, freshPhone());
    expect(await stockOf(product.id)).toBe(0);

    await harness.emulator.control.pay(phone);
    const order = await readOrder(publicId);
    const receipt = harness.emulator.control.ledger(phone).entries[0]!.receipt!;
    expect(order).toMatchObject({
      status: "EXPIRED",
      paidAt: null,
      stockReserved: false,
      needsAttention: true,
    });
    expect(order.attentionReason).toContain(receipt);
    expect(order.attentionReason).toMatch(/stock is gone/);
    expect(order.attempts[0]).toMatchObject({ status: "SUCCEEDED", receipt });
    expect(await stockOf(product.id)).toBe(0);
    expect((await readOrder(other.publicId)).stockReserved).toBe(true);
    expect(await callbackEvents(attempt.id)).toHaveLength(1);
  });

  it("flags a second success for an order already paid, keeping the first payment", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1050 });
    const firstPhone = freshPhone();
    const secondPhone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true });
    const { publicId } = await checkoutOk(harness, product.id, firstPhone);
    expect((await readOrder(publicId)).attempts[0]!.status).toBe("UNKNOWN");
    expect(await retryPayment(publicId, secondPhone)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/still confirming/),
    });

    clock.advance(121);
    expect(await retryPayment(publicId, secondPhone)).toEqual({ ok: true });
    await harness.emulator.control.pay(secondPhone);
    const paid = await readOrder(publicId);
    expect(paid).toMatchObject({ status: "PAID", needsAttention: false });

    await harness.emulator.control.pay(firstPhone);
    const order = await readOrder(publicId);
    expect(order).toMatchObject({
      status: "PAID",
      paidAt: paid.paidAt,
      mpesaReceipt: paid.mpesaReceipt,
      needsAttention: true,
    });
    const secondReceipt = harness.emulator.control.ledger(firstPhone).entries[0]!.receipt!;
    expect(order.attentionReason).toMatch(/second payment/);
    expect(order.attentionReason).toContain(secondReceipt);
    expect(order.attempts.map((a) => a.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(await stockOf(product.id)).toBe(1);
  });
});
