/**
 * Variants on every way an order is made and unmade: a payment link sells a chosen variant (custom lines
 * hold nothing), pay on delivery holds the variant until the door, a discount code prices an order paid at
 * the door, and a refund puts the items back on the variant they came from.
 */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { DeliveryChoice } from "@/lib/delivery/pricing";
import { checkoutFromLink } from "@/lib/payment-links/checkout";
import { createPaymentLink } from "@/lib/payment-links/create";
import { codeVersion } from "@/lib/discounts/codes";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { cancelOrder } from "@/lib/payments/core/state-machine";
import { startRefund } from "@/lib/payments/refunds/send";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { createDress, freshPhone, readOrder, waitFor, withPaymentsHarness } from "./support/payments-harness";

const harness = withPaymentsHarness();
const address = { county: "Nairobi", town: "Westlands", landmark: "Sarit Centre, gate B" };
const key = () => randomBytes(12).toString("hex");

const stockOfVariant = async (id: string) =>
  (await prisma.productVariant.findUniqueOrThrow({ where: { id } })).stock;

async function toCbd(): Promise<DeliveryChoice> {
  const zone = await prisma.deliveryZone.findUniqueOrThrow({ where: { name: "Nairobi CBD" } });
  return { key: zone.id, seenFeeKes: zone.feeKes, ...address };
}

const paid = (publicId: string) =>
  waitFor(async () => (await readOrder(publicId)).status === "PAID", { what: "order paid" });

beforeAll(async () => {
  expect(await registerC2bUrls("owner@duka.test")).toMatchObject({ ok: true });
});

describe("variants on every road", () => {
  it("a payment link sells the variant the seller picked; its custom line holds no stock", async () => {
    const dress = await createDress({ "Red / L": 3, "Red / M": 3 });
    const redL = dress.variant("Red / L");
    const made = await createPaymentLink(
      {
        customerName: "Akinyi Otieno",
        phone: freshPhone(),
        lines: [
          { kind: "product", variantId: redL.id, quantity: 2 },
          { kind: "custom", name: "Gift wrapping", unitPriceKes: 150, quantity: 1 },
        ],
        delivery: "pickup",
        feeKes: null,
        expiresInHours: 48,
        sendSms: false,
      },
      "owner@duka.test",
    );
    if (!made.ok) throw new Error(made.message);
    expect(made.link.totalKes).toBe(2 * 2800 + 150);
    expect(await stockOfVariant(redL.id)).toBe(3);
    const phone = freshPhone();
    const result = await checkoutFromLink(made.link.url.slice(made.link.url.lastIndexOf("/") + 1), {
      customerName: "Akinyi Otieno",
      phone,
      paymentMethod: "MPESA_NOW",
      checkoutKey: key(),
      clientIp: null,
    });
    if (!result.ok) throw new Error(result.message);
    const order = await readOrder(result.publicId);
    expect(order.totalKes).toBe(2 * 2800 + 150);
    expect(
      order.items.map((i) => [i.name, i.variantId, i.variantTitle, i.sku, i.unitPriceKes, i.quantity]).sort(),
    ).toEqual([
      ["Ankara dress, Red / L", redL.id, "Red / L", redL.sku, 2800, 2],
      ["Gift wrapping", null, "", null, 150, 1],
    ]);
    expect(await stockOfVariant(redL.id)).toBe(1);
    expect(await stockOfVariant(dress.variant("Red / M").id)).toBe(3);
  });

  it("a payment link refuses an archived variant", async () => {
    const dress = await createDress({ "Blue / M": 2 });
    const blueM = dress.variant("Blue / M");
    await prisma.productVariant.update({ where: { id: blueM.id }, data: { archived: true } });
    expect(
      await createPaymentLink(
        {
          customerName: "Akinyi Otieno",
          phone: freshPhone(),
          lines: [{ kind: "product", variantId: blueM.id, quantity: 1 }],
          delivery: "pickup",
          feeKes: null,
          expiresInHours: 48,
          sendSms: false,
        },
        "owner@duka.test",
      ),
    ).toMatchObject({ ok: false, message: "A product on the order is no longer sold.", field: "lines" });
  });

  it("pay on delivery holds the variant, prices a code, and a cancel gives the variant back", async () => {
    const dress = await createDress({ "Blue / L": 2, "Red / M": 2 });
    const code = await prisma.discountCode.create({
      data: { code: `POD${randomBytes(3).toString("hex").toUpperCase()}`, kind: "FIXED", value: 300 },
    });
    const blueL = dress.variant("Blue / L").id;
    const result = await startCheckout({
      lines: [{ variantId: blueL, quantity: 1 }],
      customerName: "Wanjiru Test",
      phone: freshPhone(),
      delivery: await toCbd(),
      clientIp: null,
      checkoutKey: key(),
      paymentMethod: "ON_DELIVERY",
      discountCode: code.code.toLowerCase(),
      discountSeen: codeVersion(code),
    });
    if (!result.ok) throw new Error(result.message);
    const order = await readOrder(result.publicId);
    expect(order).toMatchObject({
      paymentMethod: "ON_DELIVERY",
      totalKes: 2500 + 200 - 300,
      discountCode: code.code,
      discountKes: 300,
    });
    expect(order.attempts).toHaveLength(0);
    expect(await stockOfVariant(blueL)).toBe(1);
    expect(await stockOfVariant(dress.variant("Red / M").id)).toBe(2);
    expect(await cancelOrder(order.id, { by: "owner@duka.test" })).toEqual({ ok: true });
    expect(await stockOfVariant(blueL)).toBe(2);
  });

  it("a refund that restocks puts the items back on their variant", async () => {
    const dress = await createDress({ "Red / L": 4, "Blue / M": 4 });
    const redL = dress.variant("Red / L").id;
    const phone = freshPhone();
    const result = await startCheckout({
      lines: [{ variantId: redL, quantity: 2 }],
      customerName: "Wanjiru Test",
      phone,
      delivery: { key: "pickup", seenFeeKes: 0 },
      clientIp: null,
      checkoutKey: key(),
    });
    if (!result.ok) throw new Error(result.message);
    await harness.emulator.control.pay(phone);
    await paid(result.publicId);
    const order = await readOrder(result.publicId);
    expect(await stockOfVariant(redL)).toBe(2);
    const asked = await startRefund({
      orderId: order.id,
      amountKes: order.totalKes,
      reason: "Wrong size",
      restock: true,
      idempotencyKey: key(),
      by: "owner@duka.test",
    });
    expect(asked).toMatchObject({ ok: true });
    await waitFor(async () => (await stockOfVariant(redL)) === 4, { what: "stock back on Red / L" });
    expect(await stockOfVariant(dress.variant("Blue / M").id)).toBe(4);
  });
});
