/** Abuse limits, retry rules and the sold-out race: each refusal sends no push. */
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { readOrderView } from "@/lib/orders/order-view";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { configurePayments } from "@/lib/payments/shared/context";
import { retryPayment } from "@/lib/payments/stk/retry";
import {
  checkout,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  pushCount,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

describe("checkouts M-Pesa cannot take", () => {
  it("refuses a total over KES 250,000 before reserving stock or prompting", async () => {
    const product = await createProduct({ stock: 5, priceKes: 130_000 });
    const phone = freshPhone();
    const pushesBefore = pushCount(harness);
    const result = await checkout(product.id, phone, { quantity: 2 });
    expect(result).toMatchObject({
      ok: false,
      reason: "amount",
      message: expect.stringMatching(/KES 250,000/),
    });
    expect(await stockOf(product.id)).toBe(5);
    expect(pushCount(harness)).toBe(pushesBefore);
    expect((await checkout(product.id, phone, { quantity: 1 })).ok).toBe(true);
    await harness.emulator.control.cancel(phone);
  });

  it("does not count a refused checkout (sold out) against the phone's prompt limit", async () => {
    const soldOut = await createProduct({ stock: 0, priceKes: 905 });
    const product = await createProduct({ stock: 10, priceKes: 906 });
    const phone = freshPhone();
    for (let i = 0; i < 5; i++)
      expect(await checkout(soldOut.id, phone)).toMatchObject({ ok: false, reason: "cart_changed" });
    for (let i = 0; i < 3; i++) {
      await checkoutOk(harness, product.id, phone);
      await harness.emulator.control.cancel(phone);
    }
    expect(await checkout(product.id, phone)).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("abuse limits", () => {
  it("refuses a 4th prompt to one phone within the window, without a push, and allows it after", async () => {
    const product = await createProduct({ stock: 10, priceKes: 910 });
    const phone = freshPhone();
    for (let i = 0; i < 3; i++) {
      await checkoutOk(harness, product.id, phone);
      await harness.emulator.control.cancel(phone);
    }
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(3);
    const pushesBefore = harness.emulator.control.log().length;

    const fourth = await checkout(product.id, phone);
    expect(fourth).toMatchObject({ ok: false, reason: "rate_limited" });
    // The window opened with the first prompt: the shopper hears when it ends, and that it is this number's.
    expect(fourth).toMatchObject({
      promptLimit: true,
      message: expect.stringMatching(
        /^Too many M-Pesa prompts to this number\. You can try again at \d\d:\d\d EAT \(in 10 minutes\)\.$/,
      ),
    });
    expect(harness.emulator.control.log()).toHaveLength(pushesBefore);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(3);
    expect(await prisma.order.count({ where: { phone } })).toBe(3);
    expect(await stockOf(product.id)).toBe(7);

    // A retry on one of those orders counts against the same limit.
    const [first] = await prisma.order.findMany({ where: { phone }, orderBy: { createdAt: "asc" } });
    expect(await retryPayment(first!.publicId)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Too many M-Pesa prompts to this number\. You can try again at/),
    });
    expect(harness.emulator.control.log()).toHaveLength(pushesBefore);

    clock.advance(10 * 60 + 1);
    expect((await checkout(product.id, phone)).ok).toBe(true);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(4);
  });

  it("refuses checkouts from one client IP over its limit, without a push", async () => {
    configurePayments({ checkoutsPerIp: 2 });
    const product = await createProduct({ stock: 10, priceKes: 920 });
    const ip = "203.0.113.77";
    const phones = [freshPhone(), freshPhone(), freshPhone()];
    expect((await checkout(product.id, phones[0]!, { clientIp: ip })).ok).toBe(true);
    expect((await checkout(product.id, phones[1]!, { clientIp: ip })).ok).toBe(true);
    const third = await checkout(product.id, phones[2]!, { clientIp: ip });
    expect(third).toMatchObject({
      ok: false,
      reason: "rate_limited",
      message: expect.stringMatching(/Too many checkouts from your network/),
    });
    expect(harness.emulator.control.ledger(phones[2]).totals.count).toBe(0);
    expect(await prisma.order.count({ where: { clientIp: ip } })).toBe(2);
    // Another network is not affected.
    expect((await checkout(product.id, phones[2]!, { clientIp: "198.51.100.9" })).ok).toBe(true);
  });
});

describe("an order link used to prompt other numbers", () => {
  it("counts each different number against the caller's IP, so a link cannot prompt any number", async () => {
    configurePayments({ checkoutsPerIp: 2 });
    const product = await createProduct({ stock: 10, priceKes: 935 });
    const phone = freshPhone();
    const ip = "203.0.113.88";
    const { publicId } = await checkoutOk(harness, product.id, phone);
    for (let i = 0; i < 2; i++) {
      const active = harness.emulator.control.prompts().at(-1)!;
      await harness.emulator.control.cancel(active.checkoutRequestId);
      expect(await retryPayment(publicId, freshPhone(), ip)).toEqual({ ok: true });
    }
    await harness.emulator.control.cancel(harness.emulator.control.prompts().at(-1)!.checkoutRequestId);
    const victim = freshPhone();
    expect(await retryPayment(publicId, victim, ip)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Too many payment requests/),
    });
    expect(harness.emulator.control.ledger(victim).totals.count).toBe(0);
    // "Try again" on the number already on the order is not an IP matter.
    expect(await retryPayment(publicId, undefined, ip)).toEqual({ ok: true });
    await harness.emulator.control.cancel(harness.emulator.control.prompts().at(-1)!.checkoutRequestId);
  });
});

describe("double submit", () => {
  it("creates one order and one prompt when the same form is submitted twice at once", async () => {
    const product = await createProduct({ stock: 5, priceKes: 925 });
    const phone = freshPhone();
    const input = {
      lines: [{ variantId: product.variantId, quantity: 1 }],
      customerName: "Otieno Test",
      phone,
      delivery: { key: "pickup", seenFeeKes: 0 },
      clientIp: null,
      checkoutKey: `double-${phone}`,
    };
    const results = await Promise.all([startCheckout(input), startCheckout(input), startCheckout(input)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.publicId)).size).toBe(1);
    expect(await prisma.order.count({ where: { phone } })).toBe(1);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(1);
    expect(await stockOf(product.id)).toBe(4);
    expect(await startCheckout(input)).toEqual(results[0]);
  });
});

describe("retry", () => {
  it("is refused while a prompt is pending", async () => {
    const product = await createProduct({ stock: 3, priceKes: 930 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    expect(await retryPayment(publicId)).toEqual({
      ok: false,
      message: "A payment prompt is already on its way to your phone.",
    });
    expect(await retryPayment(publicId, freshPhone())).toMatchObject({ ok: false });
    expect((await readOrder(publicId)).attempts).toHaveLength(1);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(1);
  });

  it.each([
    { code: 17, waitSeconds: 120 },
    { code: 1001, waitSeconds: 60 },
  ])("waits out Daraja's delay after ResultCode $code", async ({ code, waitSeconds }) => {
    const product = await createProduct({ stock: 3, priceKes: 940 + code });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    await harness.emulator.control.fail(phone, code);
    const failed = await readOrder(publicId);
    expect(failed.status).toBe("FAILED");
    const retryAfter = failed.attempts[0]!.retryAfter!;
    expect(retryAfter.getTime() - failed.attempts[0]!.completedAt!.getTime()).toBe(waitSeconds * 1000);

    const view = await readOrderView(publicId);
    expect(view).toMatchObject({
      state: "failed",
      canRetry: true,
      retryAvailableAt: retryAfter.toISOString(),
    });

    const refused = { ok: false, message: "M-Pesa asks us to wait a little before sending another prompt." };
    expect(await retryPayment(publicId)).toEqual(refused);
    clock.advance(waitSeconds - 2);
    expect(await retryPayment(publicId)).toEqual(refused);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(1);

    clock.advance(3);
    expect(await retryPayment(publicId)).toEqual({ ok: true });
    const order = await readOrder(publicId);
    expect(order.status).toBe("PENDING");
    expect(order.attempts.map((a) => a.status)).toEqual(["FAILED", "PENDING"]);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(2);
    expect(order.attempts[1]!.checkoutRequestId).toBe(
      harness.emulator.control.ledger(phone).entries[1]!.checkoutRequestId,
    );
  });
});

describe("sold-out race", () => {
  it("sells exactly 5 of 5 to 50 concurrent checkouts and tells the other 45", async () => {
    const product = await createProduct({ stock: 5, priceKes: 990 });
    const phones = Array.from({ length: 50 }, () => freshPhone());
    const pushesBefore = pushCount(harness);
    const results = await Promise.all(phones.map((phone) => checkout(product.id, phone)));

    const sold = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(sold).toHaveLength(5);
    expect(refused).toHaveLength(45);
    for (const r of refused) {
      expect(r).toMatchObject({ ok: false, reason: "cart_changed" });
      // The 5 are held by unpaid orders, not sold: the shopper is told when to look again.
      expect(!r.ok && r.message).toMatch(/reserved by other shoppers: check back in 15 minutes/);
    }
    expect(await stockOf(product.id)).toBe(0);
    const orders = await prisma.order.findMany({
      where: { items: { some: { productId: product.id } } },
      include: { items: true, attempts: true },
    });
    expect(orders).toHaveLength(5);
    expect(
      orders.every(
        (o) =>
          o.status === "PENDING" && o.stockReserved && o.items[0]!.quantity === 1 && o.attempts.length === 1,
      ),
    ).toBe(true);
    expect(pushCount(harness) - pushesBefore).toBe(5);
    expect((await prisma.productVariant.findMany({ where: { stock: { lt: 0 } } })).length).toBe(0);
  });
});
