import "server-only";
import type { Db, Tx } from "@/lib/db";
import {
  type C2bPayment,
  type Notification,
  type Order,
  type PaymentAttempt,
  Prisma,
} from "@/lib/generated/prisma/client";

type Tables = {
  Order: Order;
  PaymentAttempt: PaymentAttempt;
  C2bPayment: C2bPayment;
  Notification: Notification;
};
/** Tables whose `status` is a payment status: only lib/payments/core changes it (status-write.ts there). */
type PaymentTable = "Order" | "PaymentAttempt" | "C2bPayment";
type Column = string | number | boolean | Date | null;
type Plain<Row> = {
  [K in Exclude<keyof Row, "id" | "createdAt" | "updatedAt">]?: Row[K] extends Column ? Row[K] : never;
};
/** What may be set through this helper: any plain column, except a payment table's status. */
export type Changes<T extends keyof Tables> = T extends PaymentTable
  ? Omit<Plain<Tables[T]>, "status"> & { status?: never }
  : Plain<Tables[T]>;
/** Columns the row must still hold (equality only: a null here would never match, so none is allowed). */
type Match<T extends keyof Tables> = {
  [K in keyof Plain<Tables[T]>]?: Exclude<Plain<Tables[T]>[K], null>;
};

const quoted = (name: string) => Prisma.raw(`"${name}"`);
/** Tables with an @updatedAt column (C2bPayment has none). */
const STAMPED: ReadonlySet<keyof Tables> = new Set(["Order", "PaymentAttempt", "Notification"]);

/**
 * `UPDATE <table> SET <changes> WHERE id = ... AND <column> = <value> ...` as one plain statement: a write
 * that refuses a row which has moved on (another status, another lease). True when the row matched.
 * A payment table's status cannot be set here (the types refuse it): lib/payments/core does that.
 *
 * Plain SQL because the payment path runs it for every callback: a write through Prisma's query builder
 * costs about three times the CPU (bench/RESULTS.md, "Callback ingest"). Column names come from the typed
 * keys, never from input; `updatedAt` (where there is one) is set as Prisma's @updatedAt would set it.
 */
export async function updateRowIf<T extends keyof Tables>(
  db: Db | Tx,
  table: T,
  where: { id: string } & Match<T>,
  changes: Changes<T>,
): Promise<boolean> {
  const pairs = (o: object) =>
    Object.entries(o)
      .filter(([, value]) => value !== undefined)
      .map(([column, value]) => Prisma.sql`${quoted(column)} = ${value as Column}`);
  const count = await db.$executeRaw`
    UPDATE ${quoted(table)} SET ${Prisma.join(pairs(STAMPED.has(table) ? { ...changes, updatedAt: new Date() } : changes))}
    WHERE ${Prisma.join(pairs(where), " AND ")}`;
  return count === 1;
}
