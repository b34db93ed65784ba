import "server-only";
import { sellerReason } from "@/lib/payments/core/failure-kinds";
import { prisma } from "@/lib/db";
import type { FailureKind } from "@/lib/generated/prisma/enums";
import { eatDateKey, eatDateKeys, eatDayStart } from "./time";

export const CHART_DAYS = 30;

// The owner's KES 1 test payments (Order.isTest) are not sales: every figure here leaves them out.

type DaySales = {
  day: string;
  revenueKes: number;
  deliveryKes: number;
  discountKes: number;
  orders: number;
  refundedKes: number;
};

/**
 * Paid sales per EAT calendar day since midnight EAT `days - 1` days ago, in one pass over the partial
 * covering index "Order_paid_sales_idx" (no table visits), less the discount codes' effect (discountsByDay) and
 * net of refunds (refundsByDay). The KPIs and the chart are both sums of these. Revenue is what shoppers were
 * charged: the order's total, after its code.
 */
async function salesByDay(now: Date, days: number): Promise<DaySales[]> {
  // EAT is UTC+3 all year (no daylight saving), and Prisma stores UTC: shifting by 3 hours gives the EAT date.
  const since = eatDayStart(now, days - 1);
  const [rows, discounts, refunds] = await Promise.all([
    prisma.$queryRaw<{ day: string; revenue: bigint; delivery: bigint; orders: bigint }[]>`
    SELECT to_char("paidAt" + interval '3 hours', 'YYYY-MM-DD') AS day, SUM("totalKes")::bigint AS revenue,
      SUM("deliveryFeeKes")::bigint AS delivery, COUNT(*)::bigint AS orders
    FROM "Order" WHERE "status" = 'PAID' AND NOT "isTest" AND "paidAt" >= ${since}
    GROUP BY 1`,
    discountsByDay(since),
    refundsByDay(since),
  ]);
  const byDay = new Map<string, DaySales>();
  const dayOf = (day: string) => {
    const sales = byDay.get(day) ?? {
      day,
      revenueKes: 0,
      deliveryKes: 0,
      discountKes: 0,
      orders: 0,
      refundedKes: 0,
    };
    byDay.set(day, sales);
    return sales;
  };
  for (const r of rows)
    Object.assign(dayOf(r.day), {
      revenueKes: Number(r.revenue),
      deliveryKes: Number(r.delivery),
      orders: Number(r.orders),
    });
  for (const { day, discountKes, deliveryNotChargedKes } of discounts) {
    const sales = dayOf(day);
    sales.discountKes += discountKes;
    sales.deliveryKes -= deliveryNotChargedKes;
  }
  for (const { day, refundedKes } of refunds) {
    const sales = dayOf(day);
    sales.refundedKes += refundedKes;
    sales.revenueKes -= refundedKes;
  }
  return [...byDay.values()];
}

/**
 * The discount given on paid sales per EAT day, and how much of it was a delivery fee not charged (a
 * free-delivery code's; any other code's comes off the goods). Read from the partial index of discounted
 * sales ("Order_paid_discounts_idx"), so the orders without a code cost nothing here.
 */
async function discountsByDay(since: Date) {
  const rows = await prisma.$queryRaw<{ day: string; discount: bigint; delivery: bigint }[]>`
    SELECT to_char("paidAt" + interval '3 hours', 'YYYY-MM-DD') AS day, SUM("discountKes")::bigint AS discount,
      SUM(CASE WHEN "discountKind" = 'FREE_DELIVERY' THEN "discountKes" ELSE 0 END)::bigint AS delivery
    FROM "Order" WHERE "status" = 'PAID' AND NOT "isTest" AND "discountKes" > 0 AND "paidAt" >= ${since}
    GROUP BY 1`;
  return rows.map((r) => ({
    day: r.day,
    discountKes: Number(r.discount),
    deliveryNotChargedKes: Number(r.delivery),
  }));
}

/**
 * What went back of paid sales, on the EAT day of the order's last refund. Only the part of the sale: an
 * over-payment's excess sent back was never revenue. A cancelled order is no sale at all (the sales query
 * leaves it out), so its refund is not taken off twice.
 */
async function refundsByDay(since: Date): Promise<{ day: string; refundedKes: number }[]> {
  const rows = await prisma.$queryRaw<{ day: string; refunded: bigint }[]>`
    SELECT to_char(r."lastAt" + interval '3 hours', 'YYYY-MM-DD') AS day, SUM(r."saleRefund")::bigint AS refunded
    FROM (
      SELECT MAX(f."completedAt") AS "lastAt",
        LEAST(o."totalKes", GREATEST(0, SUM(f."amountKes") - GREATEST(0, (
          SELECT COALESCE(SUM(e."amountKes"), 0) FROM "OrderEvent" e
          WHERE e."orderId" = o.id AND e.kind = 'PAYMENT_RECEIVED') - o."totalKes"))) AS "saleRefund"
      FROM "Refund" f JOIN "Order" o ON o.id = f."orderId"
      WHERE f.status = 'SUCCEEDED' AND o.status = 'PAID' AND NOT o."isTest"
      GROUP BY o.id) r
    WHERE r."lastAt" >= ${since} AND r."saleRefund" > 0
    GROUP BY 1`;
  return rows.map((r) => ({ day: r.day, refundedKes: Number(r.refunded) }));
}

function totalSince(sales: DaySales[], firstDay: string) {
  let revenueKes = 0;
  let deliveryKes = 0;
  let discountKes = 0;
  let orders = 0;
  let refundedKes = 0;
  for (const d of sales) {
    if (d.day < firstDay) continue;
    revenueKes += d.revenueKes;
    deliveryKes += d.deliveryKes;
    discountKes += d.discountKes;
    orders += d.orders;
    refundedKes += d.refundedKes;
  }
  // Delivery fees are passed on to riders and couriers: the seller needs the goods figure apart. Revenue is
  // net of refunds, which come off the goods; the discount given is already off it (not charged).
  return { revenueKes, goodsKes: revenueKes - deliveryKes, deliveryKes, discountKes, orders, refundedKes };
}

function kpisFrom(sales: DaySales[], now: Date) {
  return {
    today: totalSince(sales, eatDateKey(eatDayStart(now))),
    week: totalSince(sales, eatDateKey(eatDayStart(now, 6))),
    month: totalSince(sales, eatDateKey(eatDayStart(now, 29))),
  };
}

function chartFrom(sales: DaySales[], now: Date, days: number) {
  const byDay = new Map(sales.map((d) => [d.day, d]));
  return eatDateKeys(now, days).map((day) => ({
    day,
    revenueKes: byDay.get(day)?.revenueKes ?? 0,
    orders: byDay.get(day)?.orders ?? 0,
  }));
}

/** Revenue and paid orders for today, the last 7 and the last 30 days, counted in EAT calendar days. */
export async function getKpis(now = new Date()) {
  return kpisFrom(await salesByDay(now, 30), now);
}

/** Paid revenue per EAT day for the chart, every day present (zero when nothing sold). */
export async function getRevenueByDay(now = new Date(), days = CHART_DAYS) {
  return chartFrom(await salesByDay(now, days), now, days);
}

/** Attempts of the last 30 days that ended paid vs. failed, and why the failures failed. */
export async function getPaymentStats(now = new Date()) {
  // One pass over the partial covering index "PaymentAttempt_outcome_idx"; test orders are a handful of
  // rows ("Order_test_idx") to anti-join against.
  const rows = await prisma.$queryRaw<
    { status: string; failureKind: FailureKind | null; resultCode: string | null; n: bigint }[]
  >`
    SELECT a."status"::text AS status, a."failureKind" AS "failureKind", a."resultCode" AS "resultCode", COUNT(*)::bigint AS n
    FROM "PaymentAttempt" a
    WHERE a."createdAt" >= ${eatDayStart(now, 29)} AND a."status" IN ('SUCCEEDED', 'FAILED')
      AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."isTest" AND o."id" = a."orderId")
    GROUP BY 1, 2, 3`;
  let succeeded = 0;
  let failed = 0;
  // Several codes share one reason (e.g. limits): group by whose failure it was, in the seller's words.
  const reasons = new Map<string, { reason: string; label: string; count: number }>();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === "SUCCEEDED") {
      succeeded += n;
      continue;
    }
    failed += n;
    const label = sellerReason(r.failureKind, r.resultCode);
    const prev = reasons.get(label);
    reasons.set(label, { reason: label, label, count: (prev?.count ?? 0) + n });
  }
  const topFailures = [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, 5);
  return {
    succeeded,
    failed,
    successRate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed),
    topFailures,
  };
}

export async function getLatestPaidOrders(take = 8) {
  return prisma.order.findMany({
    where: { status: "PAID", isTest: false },
    orderBy: [{ paidAt: "desc" }, { id: "desc" }],
    take,
    select: {
      reference: true,
      customerName: true,
      totalKes: true,
      paidAt: true,
      mpesaReceipt: true,
      fulfilment: true,
    },
  });
}

/** Pay-on-delivery orders not paid yet: money to collect at the door, never counted as revenue. */
async function getToCollect() {
  const r = await prisma.order.aggregate({
    where: { paymentMethod: "ON_DELIVERY", status: { in: ["PENDING", "FAILED"] }, isTest: false },
    _sum: { totalKes: true },
    _count: { _all: true },
  });
  return { kes: r._sum.totalKes ?? 0, orders: r._count._all };
}

/** Everything the overview shows, as JSON-safe data (dates as ISO strings) for the live refresh. */
export async function getDashboardSummary(now = new Date()) {
  const [sales, payments, latest, attention, toCollect] = await Promise.all([
    salesByDay(now, Math.max(CHART_DAYS, 30)),
    getPaymentStats(now),
    getLatestPaidOrders(),
    prisma.order.count({ where: { needsAttention: true } }),
    getToCollect(),
  ]);
  return {
    generatedAt: now.toISOString(),
    kpis: kpisFrom(sales, now),
    chart: chartFrom(sales, now, CHART_DAYS),
    payments,
    needsAttention: attention,
    toCollect,
    latest: latest.map((o) => ({ ...o, paidAt: o.paidAt?.toISOString() ?? null })),
  };
}

export type DashboardSummary = Awaited<ReturnType<typeof getDashboardSummary>>;
