/** A wrong-amount success sent first (by someone holding the callback URL) cannot block the real payment. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import {
  callbackBody,
  checkoutOk,
  createProduct,
  freshPhone,
  postCallback,
  readOrder,
  waitForDelivery,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

const queries = () =>
  harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpushquery/v1/query").length;

describe("a right-amount success after a wrong-amount one", () => {
  it("pays the order once an STK query confirms it, keeping both callbacks on the timeline", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1510 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const ids = { checkoutRequestId: attempt.checkoutRequestId! };
    // The real payment happens, but Daraja's callback is held back while the forged one lands first.
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.pay(phone);
    await waitForDelivery(harness, ids.checkoutRequestId);
    await postCallback(
      harness,
      token!,
      callbackBody(ids, { code: 0, amount: 1, receipt: "TFORGED001", phone }),
    );
    expect(await readOrder(publicId)).toMatchObject({ status: "FAILED", needsAttention: true });

    const before = queries();
    const genuine = callbackBody(ids, { code: 0, amount: 1510, receipt: "TREAL00001", phone });
    expect((await postCallback(harness, token!, genuine)).status).toBe(200);
    expect(queries()).toBe(before + 1);
    const order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "PAID", mpesaReceipt: "TREAL00001", needsAttention: true });
    expect(order.attentionReason).toMatch(/KES 1 .*TFORGED001/s);
    expect(order.attentionReason).toMatch(/status query confirmed/);
    expect(order.attempts[0]!.callbacks.map((c) => c.verdict)).toEqual(["REJECTED", "APPLIED"]);
  });

  it("does not pay when the query does not confirm the payment", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1520 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const ids = { checkoutRequestId: attempt.checkoutRequestId! };
    await postCallback(harness, token!, callbackBody(ids, { code: 0, amount: 2, phone }));
    await postCallback(harness, token!, callbackBody(ids, { code: 0, amount: 1520, phone }));
    const order = await readOrder(publicId);
    expect(order.status).not.toBe("PAID");
    expect(order.attentionReason).toMatch(/did not confirm/);
    await harness.emulator.control.cancel(phone);
  });
});
