import "server-only";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import {
  type FlagKind,
  type MoneySource,
  type OrderEvent,
  type OrderEventKind,
  Prisma,
} from "@/lib/generated/prisma/client";

/** Who did something, as the seller's timeline shows it: these, or a seller's email. */
export const ACTOR = {
  system: "system",
  callback: "M-Pesa (callback)",
  query: "M-Pesa (status query)",
  c2b: "M-Pesa (Pay Bill)",
} as const;

/** One row of an order's history. Append-only: rows are inserted, never changed. */
export type NewOrderEvent = {
  orderId: string;
  kind: OrderEventKind;
  actor: string;
  at: Date;
  fromStatus?: string | null;
  toStatus?: string | null;
  attemptId?: string | null;
  c2bPaymentId?: string | null;
  amountKes?: number | null;
  source?: MoneySource | null;
  reference?: string | null;
  /** PAYMENT_RECEIVED only (see paymentKey in ./pay-order.ts): unique, so the same money counts once. */
  paymentKey?: string | null;
  flagKind?: FlagKind | null;
  note?: string | null;
  /** Facts of the moment the rows will not keep (e.g. a failed attempt's result code and words). */
  data?: Record<string, string | number | boolean | null> | null;
  /** FLAG_RESOLVED only: the FLAGGED event it resolves (unique: a flag is resolved once). */
  resolvesId?: string | null;
};

/**
 * Appends an event inside the caller's transaction. Returns its id, or null when its paymentKey or
 * resolvesId was already taken (that money is already counted; that flag is already resolved): nothing
 * is written then, and the transaction stays usable. Plain SQL: the callback path writes these.
 */
export async function recordOrderEvent(db: Tx | Db, e: NewOrderEvent): Promise<string | null> {
  const id = randomUUID();
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "OrderEvent" (id, "orderId", kind, at, actor, "fromStatus", "toStatus", "attemptId",
      "c2bPaymentId", "amountKes", source, reference, "paymentKey", "flagKind", note, data, "resolvesId")
    VALUES (${id}, ${e.orderId}, ${e.kind}::"OrderEventKind", ${e.at}, ${e.actor.slice(0, 200)},
      ${e.fromStatus ?? null}, ${e.toStatus ?? null}, ${e.attemptId ?? null}, ${e.c2bPaymentId ?? null},
      ${e.amountKes ?? null}::int, ${e.source ?? null}::"MoneySource", ${e.reference ?? null},
      ${e.paymentKey ?? null}, ${e.flagKind ?? null}::"FlagKind", ${e.note?.slice(0, 2000) ?? null},
      ${e.data ? JSON.stringify(e.data) : null}::jsonb, ${e.resolvesId ?? null})
    ON CONFLICT DO NOTHING
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/** An order's history, oldest first (events of one transaction share a time: then in the order written). */
export async function orderEvents(db: Tx | Db, orderId: string): Promise<OrderEvent[]> {
  return db.orderEvent.findMany({ where: { orderId }, orderBy: [{ at: "asc" }, { seq: "asc" }] });
}

/** FLAGGED events with no FLAG_RESOLVED event: what keeps `needsAttention` true. */
export const openFlagsSql = (orderIdColumn: Prisma.Sql) => Prisma.sql`
  SELECT 1 FROM "OrderEvent" f
  WHERE f."orderId" = ${orderIdColumn} AND f.kind = 'FLAGGED'
    AND NOT EXISTS (SELECT 1 FROM "OrderEvent" r WHERE r."resolvesId" = f.id)`;
