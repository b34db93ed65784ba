/**
 * The overview's revenue is what shoppers were charged (issue 21): orders with each kind of discount code,
 * checked out and paid through the emulator, then read by the dashboard's queries, goods apart from the
 * delivery actually charged, and the discount given in the period.
 */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getDashboardSummary, getKpis } from "@/lib/dashboard/summary";
import { codeVersion } from "@/lib/discounts/codes";
import type { DiscountCode } from "@/lib/generated/prisma/client";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { clock, createProduct, freshPhone, readOrder, withPaymentsHarness } from "./support/payments-harness";

const harness = withPaymentsHarness();
const westlands = { county: "Nairobi", town: "Westlands", landmark: "Sarit Centre, gate B" };

/** One item for delivery to Nairobi CBD (KES 200), with the code as the shopper saw it priced. */
async function orderWith(variantId: string, code: DiscountCode | null) {
  const zone = await prisma.deliveryZone.findUniqueOrThrow({ where: { name: "Nairobi CBD" } });
  const phone = freshPhone();
  const result = await startCheckout({
    lines: [{ variantId, quantity: 1 }],
    customerName: "Akinyi Test",
    phone,
    delivery: { key: zone.id, seenFeeKes: 200, ...westlands },
    clientIp: null,
    checkoutKey: randomBytes(12).toString("hex"),
    ...(code ? { discountCode: code.code, discountSeen: codeVersion(code) } : {}),
  });
  if (!result.ok) throw new Error(result.message);
  return { phone, publicId: result.publicId };
}

const newCode = (kind: DiscountCode["kind"], value: number) =>
  prisma.discountCode.create({
    data: { code: `D${randomBytes(4).toString("hex").toUpperCase()}`, kind, value },
  });

describe("overview revenue with discount codes", () => {
  it("counts what was charged, delivery as charged, and shows the discount given", async () => {
    const product = await createProduct({ stock: 10, priceKes: 1000 });
    const [percent, freeDelivery, fixed] = await Promise.all([
      newCode("PERCENT", 10),
      newCode("FREE_DELIVERY", 0),
      newCode("FIXED", 150),
    ]);
    const paid = [
      await orderWith(product.variantId, null), // 1,000 + 200
      await orderWith(product.variantId, percent), // 900 + 200
      await orderWith(product.variantId, freeDelivery), // 1,000 + 0
      await orderWith(product.variantId, fixed), // 850 + 200
    ];
    // Checked out with a code, never paid: no revenue, no discount given.
    await orderWith(product.variantId, percent);
    for (const o of paid) await harness.emulator.control.pay(o.phone);
    const orders = await Promise.all(paid.map((o) => readOrder(o.publicId)));
    expect(orders.map((o) => o.status)).toEqual(["PAID", "PAID", "PAID", "PAID"]);
    // What M-Pesa was asked for, and paid, is the revenue.
    const prompted = paid.map((o) => harness.emulator.control.ledger(o.phone).entries.at(-1)!.amount);
    expect(prompted).toEqual([1200, 1100, 1000, 1050]);

    const expected = {
      revenueKes: 4350,
      goodsKes: 3750,
      deliveryKes: 600,
      discountKes: 450,
      orders: 4,
      refundedKes: 0,
    };
    // The week and the month, not "today": the test may straddle midnight EAT.
    const kpis = await getKpis(clock.now());
    expect(kpis.week).toEqual(expected);
    expect(kpis.month).toEqual(expected);
    const summary = await getDashboardSummary(clock.now());
    expect(summary.kpis.month).toEqual(expected);
    expect(summary.chart.reduce((sum, d) => sum + d.revenueKes, 0)).toBe(4350);
    expect(summary.latest.map((o) => o.totalKes).sort((a, b) => a - b)).toEqual([1000, 1050, 1100, 1200]);
  });
});
