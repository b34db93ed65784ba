import "server-only";
import type { Tx } from "@/lib/db";
import { type Order, Prisma } from "@/lib/generated/prisma/client";
import { announcedWith } from "@/lib/live/announce";

/**
 * The order's row lock: every payment change takes it first, and only it (attempts are never locked).
 * `announce`: tell live streams the order changed, in the same statement (sent only if the change commits).
 */
export async function lockOrderForUpdate(tx: Tx, orderId: string, { announce = false } = {}): Promise<Order> {
  const [order] = await tx.$queryRaw<Order[]>`
    SELECT o.* FROM "Order" o ${announce ? announcedWith(orderId) : Prisma.empty}
    WHERE o.id = ${orderId} FOR UPDATE OF o`;
  if (!order) throw new Error(`order ${orderId} not found`);
  return order;
}
