/** Discount codes priced inside the checkout, counted once when paid, refused next to the field. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tryNormalizePhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { PICKUP_KEY } from "@/lib/delivery/pricing";
import { codeVersion } from "@/lib/discounts/codes";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import {
  clock,
  createProduct,
  freshPhone,
  pushCount,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

async function makeCode(data: Partial<Parameters<typeof prisma.discountCode.create>[0]["data"]> = {}) {
  const code = `T${randomBytes(4).toString("hex").toUpperCase()}`;
  return prisma.discountCode.create({ data: { code, kind: "PERCENT", value: 10, ...data } });
}

async function buyWithCode(
  variantId: string,
  typed: string,
  { phone = freshPhone(), seen }: { phone?: string; seen?: string } = {},
) {
  const row = await prisma.discountCode.findUnique({
    where: { code: typed.replace(/\s/g, "").toUpperCase() },
  });
  return startCheckout({
    lines: [{ variantId, quantity: 1 }],
    customerName: "Njeri Test",
    phone,
    delivery: { key: PICKUP_KEY, seenFeeKes: 0 },
    clientIp: null,
    checkoutKey: randomBytes(12).toString("hex"),
    discountCode: typed,
    discountSeen: seen ?? (row ? codeVersion(row) : undefined),
  });
}

const usesOf = async (id: string) =>
  (await prisma.discountCode.findUniqueOrThrow({ where: { id } })).usesCount;

describe("discount codes", () => {
  it("prices the code in the checkout, asks M-Pesa for the discounted total and keeps a snapshot", async () => {
    const product = await createProduct({ stock: 3, priceKes: 1455 });
    const code = await makeCode({ value: 10 });
    const phone = freshPhone();
    const result = await buyWithCode(product.variantId, ` ${code.code.toLowerCase()} `, { phone });
    if (!result.ok) throw new Error(result.message);
    const order = await readOrder(result.publicId);
    expect(order).toMatchObject({
      totalKes: 1455 - 146,
      discountCode: code.code,
      discountKind: "PERCENT",
      discountKes: 146,
    });
    expect(order.attempts[0]!.amountKes).toBe(1309);
    expect(harness.emulator.control.ledger(phone).entries.at(-1)?.amount).toBe(1309);
  });

  it("counts a use when the order is paid, once, and gives it back when the order is never paid", async () => {
    const product = await createProduct({ stock: 5, priceKes: 800 });
    const code = await makeCode({ maxUses: 1 });
    const first = await buyWithCode(product.variantId, code.code);
    expect(first.ok).toBe(true);
    // The unpaid order holds the last use.
    expect(await buyWithCode(product.variantId, code.code)).toMatchObject({
      ok: false,
      reason: "discount",
      message: `The code ${code.code} has been used up.`,
    });
    clock.advance(31 * 60);
    await expireDueOrders();
    expect(await usesOf(code.id)).toBe(0);

    const phone = freshPhone();
    const second = await buyWithCode(product.variantId, code.code, { phone });
    if (!second.ok) throw new Error(second.message);
    await harness.emulator.control.pay(phone);
    expect((await readOrder(second.publicId)).status).toBe("PAID");
    expect(await usesOf(code.id)).toBe(1);
    expect((await readOrder(second.publicId)).discountCounted).toBe(true);
  });

  it("50 checkouts racing for a code's last use: exactly one gets it, the others are told it is used up", async () => {
    const product = await createProduct({ stock: 100, priceKes: 950 });
    const code = await makeCode({ maxUses: 3, usesCount: 2 });
    const pushesBefore = pushCount(harness);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => buyWithCode(product.variantId, code.code)),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok && r.message === `The code ${code.code} has been used up.`),
    ).toHaveLength(49);
    expect(pushCount(harness) - pushesBefore).toBe(1);
    expect(await stockOf(product.id)).toBe(99);
    expect(await prisma.order.count({ where: { discountCodeId: code.id } })).toBe(1);
  });

  it("limits uses per phone whichever way the number is written", async () => {
    const product = await createProduct({ stock: 10, priceKes: 700 });
    const code = await makeCode({ maxUsesPerPhone: 1 });
    const local = `07${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const formats = [
      local,
      `+254${local.slice(1)}`,
      `254${local.slice(1)}`,
      local.slice(1),
      `+254 ${local.slice(1, 4)} ${local.slice(4)}`,
    ];
    const phones = formats.map((f) => tryNormalizePhone(f));
    expect(new Set(phones).size).toBe(1);
    const first = await buyWithCode(product.variantId, code.code, { phone: phones[0]! });
    expect(first.ok).toBe(true);
    for (const phone of phones.slice(1)) {
      expect(await buyWithCode(product.variantId, code.code, { phone: phone! })).toMatchObject({
        ok: false,
        message: `The code ${code.code} was already used with this phone number.`,
      });
    }
    expect(await buyWithCode(product.variantId, code.code)).toMatchObject({ ok: true });
  });

  it("a code edited after the shopper applied it shows the new total before any push; a paused one is refused", async () => {
    const product = await createProduct({ stock: 4, priceKes: 1000 });
    const code = await makeCode({ value: 10 });
    const seen = codeVersion(code);
    await prisma.discountCode.update({ where: { id: code.id }, data: { value: 20 } });
    const pushesBefore = pushCount(harness);
    const changed = await buyWithCode(product.variantId, code.code, { seen });
    expect(changed).toMatchObject({
      ok: false,
      reason: "discount",
      message: expect.stringMatching(/changed since you applied it/),
    });
    if (changed.ok) return;
    expect(changed.discountVersion).not.toBe(seen);
    expect(pushCount(harness)).toBe(pushesBefore);
    expect(await stockOf(product.id)).toBe(4);
    const again = await buyWithCode(product.variantId, code.code, { seen: changed.discountVersion });
    if (!again.ok) throw new Error(again.message);
    expect((await readOrder(again.publicId)).totalKes).toBe(800);

    await prisma.discountCode.update({ where: { id: code.id }, data: { active: false } });
    expect(await buyWithCode(product.variantId, code.code)).toMatchObject({
      ok: false,
      message: `We do not know the code ${code.code}. Check the spelling.`,
    });
    expect(await stockOf(product.id)).toBe(3);
  });

  it("refuses expired, not started, unknown, below-minimum and wrong-item codes, saying why", async () => {
    const product = await createProduct({ stock: 4, priceKes: 1200 });
    const now = clock.now();
    const cases = [
      [await makeCode({ endsAt: new Date(now.getTime() - 1000) }), /has expired/],
      [await makeCode({ startsAt: new Date(now.getTime() + 3600_000) }), /is not valid yet/],
      [await makeCode({ minOrderKes: 2000 }), /needs an order of KES 2,000: add KES 800 more/],
      [await makeCode({ productIds: ["someone-else"] }), /not valid for the items in your cart/],
    ] as const;
    for (const [code, message] of cases)
      expect(await buyWithCode(product.variantId, code.code)).toMatchObject({
        ok: false,
        reason: "discount",
        message: expect.stringMatching(message),
      });
    expect(await buyWithCode(product.variantId, "NOSUCHCODE")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/do not know the code NOSUCHCODE/),
    });
    expect(await stockOf(product.id)).toBe(4);
  });

  it("an order paid after its code expired keeps the price the shopper approved", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1000 });
    const code = await makeCode({ kind: "FIXED", value: 150, maxUses: 1 });
    const phone = freshPhone();
    const result = await buyWithCode(product.variantId, code.code, { phone });
    if (!result.ok) throw new Error(result.message);
    await prisma.discountCode.update({
      where: { id: code.id },
      data: { endsAt: new Date(clock.now().getTime() - 1000) },
    });
    await harness.emulator.control.pay(phone);
    const order = await readOrder(result.publicId);
    expect(order).toMatchObject({ status: "PAID", totalKes: 850, discountKes: 150 });
    expect(await usesOf(code.id)).toBe(1);
  });
});
