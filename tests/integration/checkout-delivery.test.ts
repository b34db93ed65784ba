/** Checkout with each delivery option: the fee is in the order total and in the STK prompt, or nothing is. */
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { type DeliveryChoice, OPTIONS_CHANGED, PICKUP_KEY } from "@/lib/delivery/pricing";
import { readOrderView } from "@/lib/orders/order-view";
import {
  checkout,
  checkoutOk,
  createProduct,
  freshPhone,
  pushCount,
  readOrder,
  stockOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

const promptAmount = (phone: string) => harness.emulator.control.ledger(phone).entries.at(-1)?.amount;
const zone = (name: string) => prisma.deliveryZone.findUniqueOrThrow({ where: { name } });
const westlands = { county: "Nairobi", town: "Westlands", landmark: "Sarit Centre, gate B" };

async function toZone(name: string, seenFeeKes: number): Promise<DeliveryChoice> {
  return { key: (await zone(name)).id, seenFeeKes, ...westlands };
}

describe("checkout with delivery", () => {
  it("charges goods plus the zone's fee, prompts for that total and keeps the address on the order", async () => {
    const product = await createProduct({ stock: 5, priceKes: 1200 });
    const phone = freshPhone();
    const delivery = await toZone("Nairobi suburbs", 350);
    const { order, attempt } = await checkoutOk(harness, product.id, phone, { delivery });
    expect([order.totalKes, order.deliveryFeeKes, attempt.amountKes]).toEqual([1550, 350, 1550]);
    expect(promptAmount(phone)).toBe(1550);
    expect(await prisma.orderDelivery.findUnique({ where: { orderId: order.id } })).toMatchObject({
      method: "DELIVERY",
      zoneName: "Nairobi suburbs",
      etaText: "Next day",
      ...westlands,
    });
  });

  it("is paid by a callback for the total with the fee, and the receipt shows where it goes", async () => {
    const product = await createProduct({ stock: 5, priceKes: 800 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone, {
      delivery: await toZone("Nairobi CBD", 200),
    });
    // Like the name, where it goes is shown only on the receipt: the link may be shared before paying.
    const waiting = await readOrderView(publicId);
    expect(waiting?.delivery).toMatchObject({
      zoneName: "Nairobi CBD",
      feeKes: 200,
      town: null,
      landmark: null,
    });
    await harness.emulator.control.pay(attempt.checkoutRequestId!);
    const paid = await waitFor(async () => (await readOrder(publicId)).status === "PAID" || undefined, {
      what: "order paid",
    });
    expect(paid).toBe(true);
    const view = await readOrderView(publicId);
    expect(view?.totalKes).toBe(1000);
    expect(view?.delivery).toMatchObject({ method: "DELIVERY", feeKes: 200, landmark: westlands.landmark });
  });

  it("picks up at the shop for free, with no address, and shows the shop's address", async () => {
    const product = await createProduct({ stock: 5, priceKes: 700 });
    const phone = freshPhone();
    const { order, publicId } = await checkoutOk(harness, product.id, phone, {
      delivery: { key: PICKUP_KEY, seenFeeKes: 0 },
    });
    expect([order.totalKes, order.deliveryFeeKes]).toEqual([700, 0]);
    expect(promptAmount(phone)).toBe(700);
    const view = await readOrderView(publicId);
    expect(view?.delivery).toMatchObject({ method: "PICKUP", pickupHours: "Mon-Sat 8:00-18:00" });
    await harness.emulator.control.cancel(phone);
  });

  it("delivers free once the goods reach the threshold", async () => {
    const product = await createProduct({ stock: 5, priceKes: 2500 });
    const phone = freshPhone();
    const { order } = await checkoutOk(harness, product.id, phone, {
      quantity: 2,
      delivery: await toZone("Rest of Kenya by courier", 0),
    });
    expect([order.totalKes, order.deliveryFeeKes]).toEqual([5000, 0]);
    await harness.emulator.control.cancel(phone);
  });

  it("keeps the order's fee and zone when the owner later changes or renames the zone", async () => {
    const product = await createProduct({ stock: 5, priceKes: 900 });
    const phone = freshPhone();
    const cbd = await zone("Nairobi CBD");
    const { order } = await checkoutOk(harness, product.id, phone, {
      delivery: await toZone("Nairobi CBD", 200),
    });
    await prisma.deliveryZone.update({ where: { id: cbd.id }, data: { feeKes: 450, name: "Town centre" } });
    try {
      const after = await prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { delivery: true },
      });
      expect([after.totalKes, after.deliveryFeeKes, after.delivery?.zoneName]).toEqual([
        1100,
        200,
        "Nairobi CBD",
      ]);
    } finally {
      await prisma.deliveryZone.update({ where: { id: cbd.id }, data: { feeKes: 200, name: "Nairobi CBD" } });
    }
    await harness.emulator.control.cancel(phone);
  });
});

describe("checkout refusing a delivery choice (nothing reserved, nothing prompted)", () => {
  async function expectRefused(choice: DeliveryChoice, message: string | RegExp, priceKes = 1000) {
    const product = await createProduct({ stock: 3, priceKes });
    const phone = freshPhone();
    const pushes = pushCount(harness);
    const result = await checkout(product.id, phone, { delivery: choice });
    expect(result).toMatchObject({ ok: false, message });
    expect(await stockOf(product.id)).toBe(3);
    expect(await prisma.order.count({ where: { phone } })).toBe(0);
    expect(pushCount(harness)).toBe(pushes);
    return result;
  }

  it("refuses a fee that changed since the page loaded", async () => {
    const cbd = await zone("Nairobi CBD");
    await prisma.deliveryZone.update({ where: { id: cbd.id }, data: { feeKes: 260 } });
    try {
      const result = await expectRefused(await toZone("Nairobi CBD", 200), OPTIONS_CHANGED);
      expect(result).toMatchObject({ reason: "delivery" });
    } finally {
      await prisma.deliveryZone.update({ where: { id: cbd.id }, data: { feeKes: 200 } });
    }
  });

  it("refuses a zone the owner switched off, and one that was deleted", async () => {
    const suburbs = await zone("Nairobi suburbs");
    await prisma.deliveryZone.update({ where: { id: suburbs.id }, data: { active: false } });
    try {
      await expectRefused(await toZone("Nairobi suburbs", 350), OPTIONS_CHANGED);
    } finally {
      await prisma.deliveryZone.update({ where: { id: suburbs.id }, data: { active: true } });
    }
    await expectRefused({ key: "no-such-zone", seenFeeKes: 350, ...westlands }, OPTIONS_CHANGED);
  });

  it("refuses a free delivery the cart no longer qualifies for (threshold raised)", async () => {
    await prisma.deliverySettings.update({ where: { id: 1 }, data: { freeDeliveryThresholdKes: 10_000 } });
    try {
      await expectRefused(await toZone("Nairobi CBD", 0), OPTIONS_CHANGED, 6000);
    } finally {
      await prisma.deliverySettings.update({ where: { id: 1 }, data: { freeDeliveryThresholdKes: 5000 } });
    }
  });

  it("refuses a county the zone does not deliver to", async () => {
    const choice = { ...(await toZone("Nairobi CBD", 200)), county: "Mombasa" };
    await expectRefused(choice, /does not deliver to Mombasa/);
  });

  it("refuses a total over KES 250,000 once delivery is added", async () => {
    // No free delivery here, so the fee really is added to goods just under the limit.
    await prisma.deliverySettings.update({ where: { id: 1 }, data: { freeDeliveryThresholdKes: null } });
    try {
      const choice = await toZone("Nairobi CBD", 200);
      const result = await expectRefused(choice, /KES 250,000, delivery included/, 249_900);
      expect(result).toMatchObject({ reason: "amount" });
    } finally {
      await prisma.deliverySettings.update({ where: { id: 1 }, data: { freeDeliveryThresholdKes: 5000 } });
    }
  });
});
