import "server-only";
import { type Db, type Tx, usesEmbeddedDatabase } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** The PostgreSQL channel on which committed order changes are announced; the payload is the order's id. */
export const ORDER_CHANGES_CHANNEL = "duka_order_changes";

// The embedded PGlite is one shared session: no connection of ours could LISTEN there, so streams poll.
const nobodyCanListen = usesEmbeddedDatabase;

/**
 * Tells every instance's live streams that this order changed. Call it inside the transaction that changes
 * the order: PostgreSQL delivers the notification when (and only if) that transaction commits.
 */
export async function announceOrderChange(db: Tx | Db, orderId: string) {
  if (nobodyCanListen) return;
  await db.$executeRaw`SELECT pg_notify(${ORDER_CHANGES_CHANNEL}, ${orderId})`;
}

/**
 * The same announcement as a FROM item, to ride on a statement the transaction sends anyway (the order's
 * lock): one round trip fewer on every payment. PostgreSQL sends a repeated notification once per commit.
 */
export function announcedWith(orderId: string): Prisma.Sql {
  if (nobodyCanListen) return Prisma.empty;
  return Prisma.sql`, (SELECT pg_notify(${ORDER_CHANGES_CHANNEL}, ${orderId})) AS announced`;
}
