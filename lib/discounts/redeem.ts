import "server-only";
import type { Tx } from "@/lib/db";

/**
 * Counts a paid order's use of its code, once: the flag on the order makes a replayed payment count
 * nothing, and the increment holds the code's row lock until the payment commits. An order paid after its
 * code ran out or expired still counts (and keeps the price its shopper approved).
 */
export async function countCodeUse(tx: Tx, orderId: string) {
  const [order] = await tx.$queryRaw<{ discountCodeId: string | null }[]>`
    UPDATE "Order" SET "discountCounted" = true
    WHERE "id" = ${orderId} AND "discountCodeId" IS NOT NULL AND NOT "discountCounted"
    RETURNING "discountCodeId"`;
  if (order?.discountCodeId)
    await tx.$executeRaw`UPDATE "DiscountCode" SET "usesCount" = "usesCount" + 1 WHERE "id" = ${order.discountCodeId}`;
}
