// npm run bench:dashboard: 100,000 orders in a fresh embedded PostgreSQL, then the dashboard's query
// functions timed (p50/p95) and the plans of their SQL. Prints figures; never fails on time.
import { prisma } from "@/lib/db";
import { parseOrderFilter } from "@/lib/dashboard/filters";
import { listOrders } from "@/lib/dashboard/orders";
import { getDashboardSummary, getKpis, getPaymentStats, getRevenueByDay } from "@/lib/dashboard/summary";
import { seedCatalog } from "@/prisma/seeding";
import { seedBenchOrders } from "./dashboard-seed";

const COUNT = Number(process.env.BENCH_ORDERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

if ((await prisma.order.count()) > 0) {
  console.error(
    "[bench] this database already has orders; run against a fresh one (npm run bench:dashboard starts one).",
  );
  process.exit(1);
}
await seedCatalog(prisma);
const t0 = performance.now();
await seedBenchOrders(prisma, COUNT);
console.log(
  `[bench] seeded ${await prisma.order.count()} orders in ${Math.round(performance.now() - t0)} ms`,
);

const filter = (q: string) => parseOrderFilter(new URLSearchParams(q));
const cases: [string, () => Promise<unknown>][] = [
  ["orders page 1 (paid, default)", () => listOrders(filter(""))],
  ["orders page 200 (paid)", () => listOrders(filter("page=200"))],
  [
    "orders: failed, last 7 days",
    () =>
      listOrders(filter(`status=failed&from=${new Date(Date.now() - 6 * 864e5).toISOString().slice(0, 10)}`)),
  ],
  ["orders: needs attention", () => listOrders(filter("status=attention"))],
  ["search by receipt", () => listOrders(filter("q=TB00054321"))],
  ["search by reference", () => listOrders(filter("q=DK-B054321"))],
  ["search by phone", () => listOrders(filter("q=0712345678"))],
  ["search by name", () => listOrders(filter("q=wanjiku"))],
  ["KPIs today/7d/30d", () => getKpis()],
  ["revenue by day (30)", () => getRevenueByDay()],
  ["payment success + reasons", () => getPaymentStats()],
  ["whole overview (JSON route)", () => getDashboardSummary()],
];

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
// Issue 23's goals at 100,000 orders: each query p95 <= 50 ms, the whole overview <= 100 ms.
const QUERY_GOAL_MS = 50;
const OVERVIEW_GOAL_MS = 100;
const goalOf = (name: string) => (name.startsWith("whole overview") ? OVERVIEW_GOAL_MS : QUERY_GOAL_MS);
console.log(
  `\n${"query".padEnd(32)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"goal p95".padStart(9)}  met   (${RUNS} runs each)`,
);
for (const [name, run] of cases) {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await run();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p95 = pct(times, 95);
  const goal = goalOf(name);
  console.log(
    `${name.padEnd(32)} ${pct(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${`<= ${goal}`.padStart(9)}  ${p95 <= goal ? "yes" : "NO"}`,
  );
}

// The SQL those functions send (as Prisma renders it, simplified), with the plan PostgreSQL picks.
const since = `(now() AT TIME ZONE 'UTC') - interval '30 days'`;
const plans: [string, string][] = [
  [
    "orders page",
    `SELECT "id" FROM "Order" WHERE "status" = 'PAID' ORDER BY "paidAt" DESC, "id" DESC LIMIT 25 OFFSET 0`,
  ],
  [
    "search by receipt",
    `SELECT "id" FROM "Order" WHERE "status" = 'PAID' AND ("reference" = 'TB00054321' OR "reference" = 'DK-TB00054321' OR "mpesaReceipt" = 'TB00054321') ORDER BY "paidAt" DESC LIMIT 25`,
  ],
  [
    "search by phone",
    `SELECT "id" FROM "Order" WHERE "status" = 'PAID' AND "phone" = '254712345678' ORDER BY "paidAt" DESC LIMIT 25`,
  ],
  [
    "search by name (trigram index)",
    `SELECT "id" FROM "Order" WHERE "status" = 'PAID' AND "customerName" ILIKE '%wanjiku%' ORDER BY "paidAt" DESC LIMIT 25`,
  ],
  [
    "sales by day (KPIs + chart)",
    `SELECT to_char("paidAt" + interval '3 hours', 'YYYY-MM-DD'), SUM("totalKes"), SUM("deliveryFeeKes"), COUNT(*) FROM "Order" WHERE "status" = 'PAID' AND NOT "isTest" AND "paidAt" >= ${since} GROUP BY 1`,
  ],
  [
    "discounts by day (KPIs)",
    `SELECT to_char("paidAt" + interval '3 hours', 'YYYY-MM-DD'), SUM("discountKes"), SUM(CASE WHEN "discountKind" = 'FREE_DELIVERY' THEN "discountKes" ELSE 0 END) FROM "Order" WHERE "status" = 'PAID' AND NOT "isTest" AND "discountKes" > 0 AND "paidAt" >= ${since} GROUP BY 1`,
  ],
  [
    "payment outcomes",
    `SELECT a."status", a."failureKind", a."resultCode", COUNT(*) FROM "PaymentAttempt" a WHERE a."createdAt" >= ${since} AND a."status" IN ('SUCCEEDED', 'FAILED') AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."isTest" AND o."id" = a."orderId") GROUP BY 1, 2, 3`,
  ],
];
for (const [name, sql] of plans) {
  const rows = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`);
  console.log(`\nEXPLAIN ${name}:\n${rows.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}`);
}
await prisma.$disconnect();
