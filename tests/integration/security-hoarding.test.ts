/** One shopper cannot hoard stock or move an order's prompt from phone to phone. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { configurePayments } from "@/lib/payments/shared/context";
import { retryPayment } from "@/lib/payments/stk/retry";
import {
  checkout,
  checkoutOk,
  createProduct,
  freshPhone,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

const cancelLatest = () =>
  harness.emulator.control.cancel(harness.emulator.control.prompts().at(-1)!.checkoutRequestId);

describe("stock hoarding", () => {
  it("caps the quantity of one line (10 by default) and of one order", async () => {
    const product = await createProduct({ stock: 99, priceKes: 110 });
    const phone = freshPhone();
    expect(await checkout(product.id, phone, { quantity: 99 })).toMatchObject({
      ok: false,
      reason: "quantity",
      message: `You can buy at most 10 of ${product.name} in one order.`,
    });
    expect(await stockOf(product.id)).toBe(99);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(0);
    configurePayments({ maxQuantityPerLine: 50, maxItemsPerOrder: 20 });
    expect(await checkout(product.id, phone, { quantity: 21 })).toMatchObject({
      ok: false,
      message: "One order can hold at most 20 items.",
    });
    expect((await checkout(product.id, phone, { quantity: 10 })).ok).toBe(true);
  });

  it("counts unpaid orders holding stock per phone and per network", async () => {
    configurePayments({
      openOrdersPerPhone: 2,
      openOrdersPerIp: 3,
      promptsPerPhone: 100,
      checkoutsPerIp: 100,
    });
    const product = await createProduct({ stock: 50, priceKes: 120 });
    const phone = freshPhone();
    for (let i = 0; i < 2; i++) {
      await checkoutOk(harness, product.id, phone);
      await cancelLatest();
    }
    expect(await checkout(product.id, phone)).toMatchObject({
      ok: false,
      reason: "rate_limited",
      message: expect.stringMatching(/already has unpaid orders holding stock/),
    });

    const ip = "41.90.64.10";
    for (let i = 0; i < 3; i++) {
      await checkoutOk(harness, product.id, freshPhone(), { clientIp: ip });
      await cancelLatest();
    }
    const other = freshPhone();
    expect(await checkout(product.id, other, { clientIp: ip })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/from your network are holding stock/),
    });
    expect(harness.emulator.control.ledger(other).totals.count).toBe(0);
  });

  it("caps the different numbers one address prompts, and the units its unpaid orders hold", async () => {
    // The probe: 12 checkouts from one address to 12 strangers' numbers, 10 units each, for the whole stock.
    const product = await createProduct({ stock: 120, priceKes: 140 });
    const ip = "41.90.64.77";
    const phones = Array.from({ length: 12 }, freshPhone);
    const results = [];
    for (const phone of phones) {
      results.push(await checkout(product.id, phone, { clientIp: ip, quantity: 10 }));
      if (harness.emulator.control.prompts().length > 0) await cancelLatest();
    }
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results[4]).toMatchObject({
      ok: false,
      reason: "rate_limited",
      message: expect.stringMatching(/^Unpaid orders from your network already hold many items/),
    });
    expect(await stockOf(product.id)).toBe(80);
    for (const phone of phones.slice(4))
      expect(harness.emulator.control.ledger(phone).totals.count, phone).toBe(0);

    // One unit each: five numbers are prompted, the sixth is told why, a number already used still works.
    const other = "41.90.64.78";
    const small = await createProduct({ stock: 50, priceKes: 150 });
    const numbers = Array.from({ length: 6 }, freshPhone);
    for (const phone of numbers.slice(0, 5)) await checkoutOk(harness, small.id, phone, { clientIp: other });
    const sixth = await checkout(small.id, numbers[5]!, { clientIp: other });
    expect(sixth).toMatchObject({
      ok: false,
      reason: "rate_limited",
      message: expect.stringMatching(/^Too many different M-Pesa numbers from your network/),
    });
    expect(harness.emulator.control.ledger(numbers[5]!).totals.count).toBe(0);
    await cancelLatest();
    expect((await checkout(small.id, numbers[0]!, { clientIp: other })).ok).toBe(true);
    // Another address is not held back by this one.
    expect((await checkout(small.id, numbers[5]!, { clientIp: "41.90.64.79" })).ok).toBe(true);
  });

  it('says "reserved by other shoppers, check back in N minutes" while stock is only reserved', async () => {
    const product = await createProduct({ stock: 2, priceKes: 130 });
    await checkoutOk(harness, product.id, freshPhone(), { quantity: 2 });
    expect(await stockOf(product.id)).toBe(0);
    const late = await checkout(product.id, freshPhone());
    expect(late).toMatchObject({
      ok: false,
      message: `${product.name} is reserved by other shoppers: check back in 15 minutes.`,
    });
    const { getMinutesUntilReservationEnds } = await import("@/lib/catalog/queries");
    expect(await getMinutesUntilReservationEnds(product.variantId)).toBe(15);
  });
});

describe('"Use a different number" on an order link', () => {
  it("moves an order to another phone at most twice, and never a paid order", async () => {
    const product = await createProduct({ stock: 5, priceKes: 140 });
    const first = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, first);
    await cancelLatest();
    expect(await retryPayment(publicId, freshPhone(), "41.90.1.1")).toEqual({ ok: true });
    await cancelLatest();
    expect(await retryPayment(publicId, freshPhone(), "41.90.1.2")).toEqual({ ok: true });
    await cancelLatest();
    const victim = freshPhone();
    expect(await retryPayment(publicId, victim, "41.90.1.3")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed too often/),
    });
    expect(harness.emulator.control.ledger(victim).totals.count).toBe(0);
    // Back to a number the order has already used is not a change.
    expect(await retryPayment(publicId, first, "41.90.1.4")).toEqual({ ok: true });
    await harness.emulator.control.pay(first);
    await expect.poll(async () => (await readOrder(publicId)).status).toBe("PAID");
    expect(await retryPayment(publicId, first)).toEqual({
      ok: false,
      message: "This order is already paid.",
    });
    expect((await readOrder(publicId)).phone).toBe(first);
    expect(await prisma.paymentAttempt.count({ where: { order: { publicId } } })).toBe(4);
  });
});
