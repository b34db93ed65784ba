import "server-only";
import { sellerReason } from "@/lib/payments/core/failure-kinds";
import { prisma } from "@/lib/db";
import { eatDateKeys, eatDayStart } from "./time";

export const CHART_DAYS = 30;

// The owner's KES 1 test payments (Order.isTest) are not sales: every figure here leaves them out.

async function paidSince(since: Date) {
  const r = await prisma.order.aggregate({
    where: { status: "PAID", isTest: false, paidAt: { gte: since } },
    _sum: { totalKes: true, deliveryFeeKes: true },
    _count: { _all: true },
  });
  const revenueKes = r._sum.totalKes ?? 0;
  const deliveryKes = r._sum.deliveryFeeKes ?? 0;
  // Delivery fees are passed on to riders and couriers: the seller needs the goods figure apart.
  return { revenueKes, goodsKes: revenueKes - deliveryKes, deliveryKes, orders: r._count._all };
}

/** Revenue and paid orders for today, the last 7 and the last 30 days, counted in EAT calendar days. */
export async function getKpis(now = new Date()) {
  const [today, week, month] = await Promise.all([
    paidSince(eatDayStart(now)),
    paidSince(eatDayStart(now, 6)),
    paidSince(eatDayStart(now, 29)),
  ]);
  return { today, week, month };
}

/** Paid revenue per EAT day for the chart, every day present (zero when nothing sold). */
export async function getRevenueByDay(now = new Date(), days = CHART_DAYS) {
  // EAT is UTC+3 all year (no daylight saving), and Prisma stores UTC: shifting by 3 hours gives the EAT date.
  const rows = await prisma.$queryRaw<{ day: string; revenue: bigint; orders: bigint }[]>`
    SELECT to_char("paidAt" + interval '3 hours', 'YYYY-MM-DD') AS day, SUM("totalKes")::bigint AS revenue, COUNT(*)::bigint AS orders
    FROM "Order" WHERE "status" = 'PAID' AND NOT "isTest" AND "paidAt" >= ${eatDayStart(now, days - 1)}
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return eatDateKeys(now, days).map((day) => ({
    day,
    revenueKes: Number(byDay.get(day)?.revenue ?? 0),
    orders: Number(byDay.get(day)?.orders ?? 0),
  }));
}

/** Attempts of the last 30 days that ended paid vs. failed, and why the failures failed. */
export async function getPaymentStats(now = new Date()) {
  const since = eatDayStart(now, 29);
  const [byStatus, failures] = await Promise.all([
    prisma.paymentAttempt.groupBy({
      by: ["status"],
      where: { createdAt: { gte: since }, status: { in: ["SUCCEEDED", "FAILED"] }, order: { isTest: false } },
      _count: { _all: true },
    }),
    prisma.paymentAttempt.groupBy({
      by: ["failureKind", "resultCode"],
      where: { createdAt: { gte: since }, status: "FAILED", order: { isTest: false } },
      _count: { _all: true },
    }),
  ]);
  const count = (s: string) => byStatus.find((r) => r.status === s)?._count._all ?? 0;
  const succeeded = count("SUCCEEDED");
  const failed = count("FAILED");
  // Several codes share one reason (e.g. limits): group by whose failure it was, in the seller's words.
  const reasons = new Map<string, { reason: string; label: string; count: number }>();
  for (const f of failures) {
    const label = sellerReason(f.failureKind, f.resultCode);
    const prev = reasons.get(label);
    reasons.set(label, { reason: label, label, count: (prev?.count ?? 0) + f._count._all });
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
  const [kpis, chart, payments, latest, attention, toCollect] = await Promise.all([
    getKpis(now),
    getRevenueByDay(now),
    getPaymentStats(now),
    getLatestPaidOrders(),
    prisma.order.count({ where: { needsAttention: true } }),
    getToCollect(),
  ]);
  return {
    generatedAt: now.toISOString(),
    kpis,
    chart,
    payments,
    needsAttention: attention,
    toCollect,
    latest: latest.map((o) => ({ ...o, paidAt: o.paidAt?.toISOString() ?? null })),
  };
}

export type DashboardSummary = Awaited<ReturnType<typeof getDashboardSummary>>;
