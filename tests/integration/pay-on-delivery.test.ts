/**
 * Pay on delivery: placed without a prompt, holding its stock until paid at the door or cancelled; the
 * prompt at the door is one more attempt on the one road to Paid (callback, STK query, Pay Bill).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { DeliveryChoice } from "@/lib/delivery/pricing";
import { readOrderView } from "@/lib/orders/order-view";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { configureNotifications } from "@/lib/notifications/context";
import { configurePayments } from "@/lib/payments/shared/context";
import { reconcileAll, reconcileAttempt } from "@/lib/payments/stk/reconcile";
import { cancelOrder } from "@/lib/payments/core/state-machine";
import { recordCashPayment } from "@/lib/payments/on-delivery/cash";
import { blockNumber, sendDoorPrompt } from "@/lib/payments/on-delivery/door";
import { doorFailureMessage } from "@/lib/payments/on-delivery/door-words";
import {
  checkout,
  clock,
  createProduct,
  freshPhone,
  pushCount,
  readOrder,
  stockOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const address = { county: "Nairobi", town: "Westlands", landmark: "Sarit Centre, gate B" };

async function toZone(name: string): Promise<DeliveryChoice> {
  const zone = await prisma.deliveryZone.findUniqueOrThrow({ where: { name } });
  return { key: zone.id, seenFeeKes: zone.feeKes, ...address };
}

/** A pay-on-delivery order to the CBD (fee KES 200). */
async function placeOnDelivery(
  priceKes = 800,
  { stock = 3, phone = freshPhone(), clientIp = null as string | null } = {},
) {
  const product = await createProduct({ stock, priceKes });
  const result = await checkout(product.id, phone, {
    delivery: await toZone("Nairobi CBD"),
    paymentMethod: "ON_DELIVERY",
    clientIp,
  });
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return { product, phone, publicId: result.publicId, order: await readOrder(result.publicId) };
}

const latestAttempt = async (orderId: string) =>
  prisma.paymentAttempt.findFirstOrThrow({ where: { orderId }, orderBy: { createdAt: "desc" } });

const paid = (publicId: string) =>
  waitFor(async () => (await readOrder(publicId)).status === "PAID", { what: "order paid" });

describe("placing a pay-on-delivery order", () => {
  it("reserves the stock, sends no prompt, and tells the shopper and the seller", async () => {
    const pushes = pushCount(harness);
    const { product, order, publicId } = await placeOnDelivery(800);
    expect(pushCount(harness)).toBe(pushes);
    expect(order).toMatchObject({ status: "PENDING", paymentMethod: "ON_DELIVERY", totalKes: 1000 });
    expect(order.attempts).toHaveLength(0);
    expect(await stockOf(product.id)).toBe(2);
    const kinds = await prisma.notification.findMany({
      where: { orderId: order.id },
      select: { kind: true },
    });
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(["ORDER_PLACED", "SELLER_NEW_POD_ORDER"]),
    );
    expect((await readOrderView(publicId))?.state).toBe("on_delivery");
  });

  it("never expires: an hour later, after the reconcile job, it still holds its stock", async () => {
    const { product, publicId } = await placeOnDelivery(500);
    clock.advance(3600 * 24 * 3);
    await reconcileAll();
    expect((await readOrder(publicId)).status).toBe("PENDING");
    expect(await stockOf(product.id)).toBe(2);
  });

  it("is refused where the owner did not turn it on, above the zone's maximum, and for pickup", async () => {
    const product = await createProduct({ stock: 5, priceKes: 21_000 });
    const phone = freshPhone();
    // Free delivery above KES 5,000: the fee seen is 0.
    const over = await checkout(product.id, phone, {
      delivery: { ...(await toZone("Nairobi suburbs")), seenFeeKes: 0 },
      paymentMethod: "ON_DELIVERY",
    });
    expect(over).toMatchObject({
      ok: false,
      reason: "pay_on_delivery",
      message: expect.stringMatching(/up to KES 20,000/),
    });
    const courier = await checkout(product.id, phone, {
      delivery: { ...(await toZone("Rest of Kenya by courier")), seenFeeKes: 0 },
      paymentMethod: "ON_DELIVERY",
    });
    expect(courier).toMatchObject({ ok: false, message: expect.stringMatching(/not offered/) });
    const pickup = await checkout(product.id, phone, { paymentMethod: "ON_DELIVERY" });
    expect(pickup).toMatchObject({ ok: false, message: expect.stringMatching(/not offered/) });
    expect(await stockOf(product.id)).toBe(5);
  });
});

describe("limits", () => {
  it("allows two unpaid pay-on-delivery orders per phone, then asks to pay now", async () => {
    const phone = freshPhone();
    await placeOnDelivery(300, { phone });
    await placeOnDelivery(300, { phone });
    await expect(placeOnDelivery(300, { phone })).rejects.toThrow(/already has orders waiting/);
  });

  it("caps unpaid pay-on-delivery orders per network", async () => {
    configurePayments({ podOrdersPerIp: 2 });
    const clientIp = "198.51.100.77";
    await placeOnDelivery(300, { clientIp });
    await placeOnDelivery(300, { clientIp });
    await expect(placeOnDelivery(300, { clientIp })).rejects.toThrow(/from your network/);
  });

  it("refuses a number the seller blocked, and takes no stock", async () => {
    const phone = freshPhone();
    await blockNumber(phone, "owner@duka.test", "never paid");
    const product = await createProduct({ stock: 1, priceKes: 300 });
    const refused = await checkout(product.id, phone, {
      delivery: await toZone("Nairobi CBD"),
      paymentMethod: "ON_DELIVERY",
    });
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not available for this number/),
    });
    expect(await stockOf(product.id)).toBe(1);
  });
});

describe("the prompt at the door", () => {
  it("is paid by the callback: the order is paid with its receipt", async () => {
    const { publicId, order, phone } = await placeOnDelivery(700);
    expect(await sendDoorPrompt(order.reference)).toEqual({ ok: true });
    const attempt = await latestAttempt(order.id);
    expect([attempt.phone, attempt.amountKes]).toEqual([phone, 900]);
    await harness.emulator.control.pay(attempt.checkoutRequestId!);
    await paid(publicId);
    const after = await readOrder(publicId);
    expect(after.mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(after.stockReserved).toBe(true);
    // Counted once, as a door prompt's money, by the one road to Paid.
    const received = await prisma.orderEvent.findMany({
      where: { orderId: order.id, kind: "PAYMENT_RECEIVED" },
    });
    expect(received.map((e) => [e.source, e.amountKes])).toEqual([["DOOR_PROMPT", 900]]);
  });

  it("prompts a number typed at the door and keeps the customer's number on the order; a lost callback is settled by the STK query", async () => {
    const { publicId, order, phone } = await placeOnDelivery(600);
    const payer = freshPhone();
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    expect(await sendDoorPrompt(order.reference, payer)).toEqual({ ok: true });
    const attempt = await latestAttempt(order.id);
    expect(attempt.phone).toBe(payer);
    await harness.emulator.control.pay(attempt.checkoutRequestId!);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    clock.advance(61);
    expect(await reconcileAttempt(attempt.id)).toBe("final 0");
    const after = await readOrder(publicId);
    expect(after.status).toBe("PAID");
    expect(after.phone).toBe(phone);
  });

  it("after a cancelled prompt, says why (to the shopper as 'you', to the seller as 'the customer') and is paid by Pay Bill with the order's reference", async () => {
    await registerC2bUrls("owner@duka.test");
    harness.emulator.control.setOptions({ c2bValidation: false });
    const { publicId, order, phone } = await placeOnDelivery(400);
    await sendDoorPrompt(order.reference);
    await harness.emulator.control.cancel(phone);
    await waitFor(async () => (await readOrder(publicId)).status === "FAILED", { what: "prompt failed" });
    const view = await readOrderView(publicId);
    expect(view?.failureMessage).toBe("You cancelled the M-Pesa prompt. Try again when you're ready.");
    const attempt = await prisma.paymentAttempt.findFirstOrThrow({ where: { orderId: order.id } });
    expect(doorFailureMessage(attempt)).toBe(
      "The customer cancelled the M-Pesa prompt. Send it again when they're ready.",
    );
    expect(view?.payByHand).toMatchObject({ amountKes: 600 });
    await harness.emulator.control.payBill(env.mpesa.shortcode, order.reference, 600, phone);
    await paid(publicId);
  });

  it("refuses a second prompt while one is open", async () => {
    const { order, phone } = await placeOnDelivery(450);
    expect(await sendDoorPrompt(order.reference)).toEqual({ ok: true });
    expect(await sendDoorPrompt(order.reference)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already/),
    });
    await harness.emulator.control.cancel(phone);
  });
});

describe("cash at the door", () => {
  it("pays the order through payOrder, with who recorded it, and counts the cash once", async () => {
    const { publicId, order } = await placeOnDelivery(650);
    expect(
      await recordCashPayment(order.reference, { by: "rider@duka.test", note: "cash to Otieno" }),
    ).toMatchObject({
      ok: true,
    });
    const after = await readOrder(publicId);
    expect([after.status, after.mpesaReceipt]).toEqual(["PAID", null]);
    const received = await prisma.orderEvent.findMany({
      where: { orderId: order.id, kind: "PAYMENT_RECEIVED" },
    });
    expect(received.map((e) => [e.source, e.amountKes, e.actor, e.reference])).toEqual([
      ["CASH", 850, "rider@duka.test", "cash to Otieno"],
    ]);
    expect((await readOrderView(publicId))?.paidInCash).toBe(true);
    expect(await recordCashPayment(order.reference, { by: "rider@duka.test", note: null })).toMatchObject({
      ok: false,
    });
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, kind: "PAYMENT_RECEIVED" } })).toBe(1);
  });

  it("is refused while a prompt is open, so the customer cannot pay twice", async () => {
    const { order, phone } = await placeOnDelivery(350);
    await sendDoorPrompt(order.reference);
    expect(await recordCashPayment(order.reference, { by: "rider@duka.test", note: null })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/still open/),
    });
    await harness.emulator.control.cancel(phone);
  });
});

describe("cancelling", () => {
  it("puts the stock back at once, and can block the number", async () => {
    const { product, order, publicId, phone } = await placeOnDelivery(500);
    expect(await stockOf(product.id)).toBe(2);
    expect(await cancelOrder(order.id, { by: "owner@duka.test" })).toEqual({ ok: true });
    await blockNumber(phone, "owner@duka.test", "never paid");
    expect((await readOrder(publicId)).status).toBe("CANCELLED");
    expect(await stockOf(product.id)).toBe(3);
    expect(await prisma.blockedPhone.findUnique({ where: { phone } })).toMatchObject({
      blockedBy: "owner@duka.test",
    });
    // Twice changes nothing.
    expect(await cancelOrder(order.id, { by: "x" })).toMatchObject({ ok: false });
    expect(await stockOf(product.id)).toBe(3);
  });

  it("waits while a prompt is open, since its money may still come", async () => {
    const { order, phone, publicId } = await placeOnDelivery(500);
    await sendDoorPrompt(order.reference);
    expect(await cancelOrder(order.id, { by: "x" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/still open/),
    });
    await harness.emulator.control.cancel(phone);
    await waitFor(async () => (await readOrder(publicId)).status === "FAILED", { what: "prompt failed" });
    expect(await cancelOrder(order.id, { by: "x" })).toEqual({ ok: true });
  });
});

beforeAll(async () => {
  expect(await prisma.deliveryZone.count({ where: { payOnDelivery: true } })).toBe(2);
  configureNotifications({ sellerPhone: "254700000111" });
});
