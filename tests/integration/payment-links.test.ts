/** Payment links: priced on the server when made, stock taken only at checkout, expired refused, paid once. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { checkoutFromLink } from "@/lib/payment-links/checkout";
import { createPaymentLink } from "@/lib/payment-links/create";
import { readPaymentLink } from "@/lib/payment-links/queries";
import {
  createProduct,
  freshPhone,
  readOrder,
  stockOf,
  variantOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
const zoneId = async (name: string) => (await prisma.deliveryZone.findUniqueOrThrow({ where: { name } })).id;

async function newLink(
  productId: string,
  phone: string,
  extra: Partial<Parameters<typeof createPaymentLink>[0]> = {},
) {
  const made = await createPaymentLink(
    {
      customerName: "Akinyi Otieno",
      phone,
      lines: [
        { kind: "product", variantId: await variantOf(productId), quantity: 2 },
        { kind: "custom", name: "Gift wrapping", unitPriceKes: 150, quantity: 1 },
      ],
      delivery: await zoneId("Nairobi CBD"),
      feeKes: 100,
      expiresInHours: 48,
      sendSms: true,
      ...extra,
    },
    "owner@duka.test",
  );
  if (!made.ok) throw new Error(made.message);
  return { ...made.link, token: tokenOf(made.link.url) };
}

const confirm = (token: string, phone: string, more: Partial<Parameters<typeof checkoutFromLink>[1]> = {}) =>
  checkoutFromLink(token, {
    customerName: "Akinyi Otieno",
    phone,
    county: "Nairobi",
    town: "Kilimani",
    landmark: "Yaya Centre, block C",
    paymentMethod: "MPESA_NOW",
    checkoutKey: randomBytes(12).toString("hex"),
    clientIp: null,
    ...more,
  });

describe("payment links", () => {
  it("prices lines on the server, holds no stock until checkout, and queues the SMS", async () => {
    const product = await createProduct({ stock: 5, priceKes: 1200 });
    const phone = freshPhone();
    const link = await newLink(product.id, phone);
    // 2 × 1,200 + 150 gift wrap + the seller's KES 100 delivery.
    expect(link.totalKes).toBe(2650);
    expect(link.stockWarnings).toEqual([]);
    expect(link.whatsappUrl).toMatch(new RegExp(`^https://wa\\.me/${phone}\\?text=Hi%20Akinyi`));
    expect(await stockOf(product.id)).toBe(5);
    const sms = await prisma.notification.findFirstOrThrow({
      where: { kind: "PAYMENT_LINK", recipient: `+${phone}` },
    });
    expect(sms.text).toContain(link.url);
    // A price change after the link was made does not change the deal.
    await prisma.product.update({ where: { id: product.id }, data: { priceKes: 9999 } });
    const result = await confirm(link.token, phone);
    if (!result.ok) throw new Error(result.message);
    const order = await readOrder(result.publicId);
    expect([order.totalKes, order.deliveryFeeKes, order.attempts[0]!.amountKes]).toEqual([2650, 100, 2650]);
    expect(order.items.map((i) => [i.name, i.unitPriceKes, i.quantity, i.productId])).toEqual(
      expect.arrayContaining([
        [product.name, 1200, 2, product.id],
        ["Gift wrapping", 150, 1, null],
      ]),
    );
    expect(await stockOf(product.id)).toBe(3);
    expect(harness.emulator.control.ledger(phone).entries.at(-1)?.amount).toBe(2650);
  });

  it("is paid once: after payment it opens the paid order, and a second checkout makes no order", async () => {
    const product = await createProduct({ stock: 5, priceKes: 500 });
    const phone = freshPhone();
    const link = await newLink(product.id, phone, { feeKes: null });
    const first = await confirm(link.token, phone);
    if (!first.ok) throw new Error(first.message);
    const attempt = (await readOrder(first.publicId)).attempts[0]!;
    await harness.emulator.control.pay(attempt.checkoutRequestId!);
    await waitFor(async () => (await readOrder(first.publicId)).status === "PAID", { what: "paid" });
    expect((await readPaymentLink(link.token))?.state).toBe("paid");
    expect(await confirm(link.token, phone)).toEqual({ ok: true, publicId: first.publicId });
    const link2 = await prisma.paymentLink.findFirstOrThrow({
      where: { orders: { some: { publicId: first.publicId } } },
    });
    expect(await prisma.order.count({ where: { paymentLinkId: link2.id } })).toBe(1);
    expect(await stockOf(product.id)).toBe(3);
  });

  it("sends two quick confirmations to the one order (no second order, no second prompt)", async () => {
    const product = await createProduct({ stock: 5, priceKes: 400 });
    const phone = freshPhone();
    const link = await newLink(product.id, phone);
    const [a, b] = await Promise.all([confirm(link.token, phone), confirm(link.token, phone)]);
    expect(a.ok && b.ok && a.publicId === b.publicId).toBe(true);
    expect(harness.emulator.control.ledger(phone).entries).toHaveLength(1);
    await harness.emulator.control.cancel(phone);
  });

  it("tells the seller when the shop has too few of an item for the link, and still makes it", async () => {
    const few = await createProduct({ stock: 1, priceKes: 800 });
    const link = await newLink(few.id, freshPhone());
    expect(link.stockWarnings).toEqual([
      `${few.name} has only 1 in stock (2 on the link): restock it, or the customer cannot pay.`,
    ]);
    const none = await createProduct({ stock: 0, priceKes: 800 });
    expect((await newLink(none.id, freshPhone())).stockWarnings).toEqual([
      `${none.name} is sold out (2 on the link): restock it, or the customer cannot pay.`,
    ]);
  });

  it("refuses an expired link, taking no stock", async () => {
    const product = await createProduct({ stock: 2, priceKes: 300 });
    const phone = freshPhone();
    const link = await newLink(product.id, phone, { expiresInHours: 24 });
    await prisma.paymentLink.updateMany({
      where: {
        tokenHash: { not: "" },
        customerName: "Akinyi Otieno",
        createdAt: { gt: new Date(Date.now() - 60_000) },
      },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await readPaymentLink(link.token))?.state).toBe("expired");
    expect(await confirm(link.token, phone)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired/),
    });
    expect(await stockOf(product.id)).toBe(2);
  });

  it("cannot be paid for another amount: a callback for less is not a payment", async () => {
    const product = await createProduct({ stock: 2, priceKes: 700 });
    const phone = freshPhone();
    const link = await newLink(product.id, phone);
    const result = await confirm(link.token, phone);
    if (!result.ok) throw new Error(result.message);
    const attempt = (await readOrder(result.publicId)).attempts[0]!;
    harness.emulator.control.fault({ target: "callback", kind: "wrongAmount", amount: 1 });
    await harness.emulator.control.pay(attempt.checkoutRequestId!).catch(() => undefined);
    await waitFor(async () => (await readOrder(result.publicId)).attempts[0]!.status !== "PENDING", {
      what: "settled",
    });
    expect((await readOrder(result.publicId)).status).not.toBe("PAID");
  });

  it("refuses a catalogue item no longer sold, and an unknown delivery option", async () => {
    const product = await createProduct({ stock: 2, priceKes: 300 });
    await prisma.product.update({ where: { id: product.id }, data: { active: false } });
    await expect(newLink(product.id, freshPhone())).rejects.toThrow(/no longer sold/);
    const other = await createProduct({ stock: 2, priceKes: 300 });
    await expect(newLink(other.id, freshPhone(), { delivery: "nowhere" })).rejects.toThrow(/Choose pickup/);
  });
});
