import "server-only";
import { prisma } from "@/lib/db";
import { notifications } from "./context";
import { enqueueStockSummary } from "./enqueue";
import { variantName, variantThreshold } from "./low-stock";
import { SETTINGS_ID } from "./recipients";
import { stockSummaryDay } from "./stock-summary-day";

/**
 * Once per EAT day in the morning (07:00 to 12:00 EAT), when the owner switched it on: the summary of the
 * variants at or below their threshold, sold out first (nothing when none is). The day is claimed by one conditional update
 * in the transaction that queues the messages: the cron and the requests' sweep, however many run at once,
 * queue it once between them, and a transaction that fails leaves the day to the next call.
 */
export async function queueStockSummaryIfDue(now = notifications().now()) {
  const day = stockSummaryDay(now);
  if (!day) return "not the morning";
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      UPDATE "NotificationSettings" SET "stockSummarySentOn" = ${day}::date
      WHERE "id" = ${SETTINGS_ID} AND "dailyStockSummary"
        AND ("stockSummarySentOn" IS NULL OR "stockSummarySentOn" < ${day}::date)`;
    if (claimed === 0) return "off, or done today";
    const items = await tx.$queryRaw<{ name: string; stock: number }[]>`
      SELECT ${variantName} AS "name", v."stock"
      FROM "ProductVariant" v JOIN "Product" p ON p."id" = v."productId"
      WHERE p."active" AND NOT v."archived" AND v."stock" <= ${variantThreshold}
      ORDER BY v."stock" > 0, v."stock", p."name", v."position"`;
    if (items.length === 0) return "nothing low";
    await enqueueStockSummary(tx, day, items);
    return `queued: ${items.length} low or sold out`;
  });
}
