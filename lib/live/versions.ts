import "server-only";
import { prisma } from "@/lib/db";

/**
 * What the polling fallback compares between ticks: for each order, the latest of its own and its attempts'
 * updatedAt (Prisma's @updatedAt, set by every update the payment flow makes). One query for all orders.
 */
export async function readOrderVersions(orderIds: string[]) {
  return prisma.$queryRaw<{ id: string; version: string }[]>`
    SELECT o.id, GREATEST(o."updatedAt", MAX(a."updatedAt"))::text AS version
    FROM "Order" o LEFT JOIN "PaymentAttempt" a ON a."orderId" = o.id
    WHERE o.id = ANY(${orderIds}) GROUP BY o.id`;
}

/** When the latest order was paid: the dashboard's "new paid order" (Order_status_paidAt_idx answers it). */
export async function readLatestPaidAt(): Promise<string | null> {
  const [row] = await prisma.$queryRaw<{ latest: string | null }[]>`
    SELECT MAX("paidAt")::text AS latest FROM "Order" WHERE "status" = 'PAID'`;
  return row?.latest ?? null;
}
