// Seeds 100,000 orders (with one item and one payment attempt each) over the last 30 days, in a few
// INSERT ... SELECT generate_series statements: seconds, not minutes.
import type { PrismaClient } from "../lib/generated/prisma/client";

export async function seedBenchOrders(db: PrismaClient, count = 100_000) {
  const names = `ARRAY['Wanjiku','Otieno','Akinyi','Kamau','Njeri','Mutua','Chebet','Kiprop']`;
  const surnames = `ARRAY['Kariuki','Odhiambo','Wambui','Kiptoo','Mwende','Njoroge']`;
  // Prisma stores UTC in "timestamp without time zone".
  const series = `(SELECT g, (now() AT TIME ZONE 'UTC') - g * interval '26 seconds' * (100000.0 / ${count}) AS ts FROM generate_series(1, ${count}) g) s`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Order" ("id","publicId","reference","customerName","phone","status","fulfilment","totalKes","reservedUntil","stockReserved","paidAt","mpesaReceipt","needsAttention","createdAt","updatedAt","discountCode","discountKind","discountKes")
    SELECT 'bo' || g, 'bp' || g, 'DK-B' || lpad(g::text, 6, '0'),
      (${names})[1 + g % 8] || ' ' || (${surnames})[1 + (g / 8) % 6],
      '2547' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'),
      (CASE WHEN g % 10 < 7 THEN 'PAID' WHEN g % 10 = 7 THEN 'FAILED' WHEN g % 10 = 8 THEN 'EXPIRED' ELSE 'PENDING' END)::"OrderStatus",
      (CASE WHEN g % 10 < 7 AND g % 3 = 0 THEN 'FULFILLED' ELSE 'UNFULFILLED' END)::"FulfilmentStatus",
      300 + (g * 37) % 9700, ts + interval '15 minutes', false,
      CASE WHEN g % 10 < 7 THEN ts + interval '40 seconds' END,
      CASE WHEN g % 10 < 7 THEN 'TB' || lpad(g::text, 8, '0') END,
      g % 997 = 0, ts, ts,
      -- One order in eight with a code: 10 % off, or free delivery, alternately.
      CASE WHEN g % 8 = 0 THEN (ARRAY['KARIBU10','FREESHIP'])[1 + g / 8 % 2] END,
      (CASE WHEN g % 8 = 0 THEN (ARRAY['PERCENT','FREE_DELIVERY'])[1 + g / 8 % 2] END)::"DiscountKind",
      CASE WHEN g % 8 = 0 THEN 30 + (g * 37) % 970 ELSE 0 END
    FROM ${series}`);
  await db.$executeRawUnsafe(`
    INSERT INTO "OrderEvent" ("id","orderId","kind","at","actor","flagKind","note")
    SELECT 'bf' || g, 'bo' || g, 'FLAGGED', ts, 'system', 'LATE_PAYMENT', 'Bench: paid after expiry'
    FROM ${series} WHERE g % 997 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO "OrderItem" ("id","orderId","productId","variantId","name","unitPriceKes","quantity")
    SELECT 'bi' || g, 'bo' || g, p.ids[1 + g % p.n], p.vids[1 + g % p.n], 'Bench item', 300 + (g * 37) % 9700, 1
    FROM generate_series(1, ${count}) g,
      (SELECT array_agg("productId" ORDER BY "id") AS ids, array_agg("id" ORDER BY "id") AS vids, count(*)::int AS n FROM "ProductVariant") p`);
  await db.$executeRawUnsafe(`
    INSERT INTO "PaymentAttempt" ("id","orderId","phone","amountKes","callbackToken","status","resultCode","resultDesc","receipt","createdAt","updatedAt","completedAt")
    SELECT 'ba' || g, 'bo' || g, '2547' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'), 300 + (g * 37) % 9700, 'bt' || g,
      (CASE WHEN g % 10 < 7 THEN 'SUCCEEDED' WHEN g % 10 < 9 THEN 'FAILED' ELSE 'PENDING' END)::"AttemptStatus",
      CASE WHEN g % 10 < 7 THEN '0' WHEN g % 10 = 7 THEN '1032' WHEN g % 10 = 8 THEN (ARRAY['1','1037','2001'])[1 + g % 3] END,
      NULL, CASE WHEN g % 10 < 7 THEN 'TB' || lpad(g::text, 8, '0') END, ts, ts, CASE WHEN g % 10 < 9 THEN ts + interval '40 seconds' END
    FROM ${series}`);
  // VACUUM as autovacuum would after a bulk load: statistics for the planner, and the visibility map that
  // lets the dashboard's covering indexes answer without visiting the table.
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Order", "OrderItem", "PaymentAttempt"`).catch(async () => {
    for (const t of ["Order", "OrderItem", "PaymentAttempt"])
      await db.$executeRawUnsafe(`VACUUM (ANALYZE) "${t}"`);
  });
}
