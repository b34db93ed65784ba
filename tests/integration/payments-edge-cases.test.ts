/** Edge cases of the payment flow: lost push answers, unreadable successes, double submits, failure kinds. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDarajaClient } from "@/lib/daraja";
import { env } from "@/lib/env";
import { PICKUP_KEY } from "@/lib/delivery/pricing";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { configurePayments } from "@/lib/payments/shared/context";
import { reconcileAll } from "@/lib/payments/stk/reconcile";
import {
  callbackBody,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  postCallback,
  pushCount,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

describe("a success callback whose details cannot be read", () => {
  it("records the prompt's CheckoutRequestID when the push answer was lost, flags the order, and a query pays it", async () => {
    const product = await createProduct({ stock: 2, priceKes: 870 });
    const phone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true });
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    expect(attempt).toMatchObject({ status: "UNKNOWN", checkoutRequestId: null });
    harness.emulator.control.clearFaults();

    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    const delivery = await harness.emulator.control.pay(phone);
    const body = callbackBody({ checkoutRequestId: delivery.checkoutRequestId! }, { code: 0, amount: 870 });
    body.Body.stkCallback.CallbackMetadata!.Item = [{ Name: "Balance" }];
    expect((await postCallback(harness, token!, body)).status).toBe(200);

    let order = await readOrder(publicId);
    expect(order.status).toBe("PENDING");
    expect(order.attempts[0]).toMatchObject({
      status: "UNKNOWN",
      checkoutRequestId: delivery.checkoutRequestId,
    });
    expect(order.needsAttention).toBe(true);
    expect(order.attentionReason).toMatch(/could not be read/);

    clock.advance(61);
    await reconcileAll();
    order = await readOrder(publicId);
    expect(order.status).toBe("PAID");
    expect(order.attempts[0]).toMatchObject({ status: "SUCCEEDED", receiptPending: true });
    expect(await stockOf(product.id)).toBe(1);
  });
});

describe("two submits of one checkout at once", () => {
  it("returns the first's order to the second, never 'sold out', with one prompt", async () => {
    const product = await createProduct({ stock: 1, priceKes: 880 });
    const phone = freshPhone();
    const pushesBefore = pushCount(harness);
    const input = {
      lines: [{ variantId: product.variantId, quantity: 1 }],
      customerName: "Akinyi Test",
      phone,
      clientIp: null,
      checkoutKey: randomBytes(12).toString("hex"),
      delivery: { key: PICKUP_KEY, seenFeeKes: 0 },
    };
    const [first, second] = await Promise.all([startCheckout(input), startCheckout(input)]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    expect(pushCount(harness) - pushesBefore).toBe(1);
    expect(await stockOf(product.id)).toBe(0);
  });

  it("is never refused by the phone's prompt limit while the first prompt rings", async () => {
    configurePayments({ promptsPerPhone: 1 });
    const product = await createProduct({ stock: 5, priceKes: 890 });
    const input = {
      lines: [{ variantId: product.variantId, quantity: 1 }],
      customerName: "Akinyi Test",
      phone: freshPhone(),
      clientIp: null,
      checkoutKey: randomBytes(12).toString("hex"),
      delivery: { key: PICKUP_KEY, seenFeeKes: 0 },
    };
    const results = await Promise.all([startCheckout(input), startCheckout(input), startCheckout(input)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.publicId)).size).toBe(1);
  });
});

describe("failure kinds", () => {
  it("keeps the raw code and says whose failure it was", async () => {
    const product = await createProduct({ stock: 2, priceKes: 860 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    await harness.emulator.control.cancel(phone);
    const order = await readOrder(publicId);
    expect(order.attempts[0]).toMatchObject({
      status: "FAILED",
      resultCode: "1032",
      failureKind: "SHOPPER_DECLINED",
    });
  });

  it("calls a push refused for wrong credentials the shop's configuration", async () => {
    const product = await createProduct({ stock: 2, priceKes: 850 });
    const phone = freshPhone();
    configurePayments({
      daraja: createDarajaClient({
        ...env.mpesa,
        env: "emulator",
        baseUrl: harness.emulator.url,
        passkey: "not-the-passkey",
      }),
    });
    const { publicId } = await checkoutOk(harness, product.id, phone);
    const order = await readOrder(publicId);
    expect(order.attempts[0]).toMatchObject({
      status: "FAILED",
      failureKind: "SHOP_CONFIGURATION",
      mayRetry: false,
    });
  });
});
