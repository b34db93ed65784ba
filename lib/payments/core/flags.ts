import "server-only";
import { type Db, type Tx, prisma } from "@/lib/db";
import { type FlagKind, type MoneySource, type OrderEvent, Prisma } from "@/lib/generated/prisma/client";
import { payments } from "../shared/context";
import { afterOrderChange } from "./after-change";
import { ACTOR, openFlagsSql, recordOrderEvent } from "./events";
import { lockOrderForUpdate } from "./lock";

/** Something the seller must look at: a FLAGGED event, open until the seller resolves it. */
export type Flag = {
  kind: FlagKind;
  /** What happened and what to do, in the seller's words. */
  note: string;
  amountKes?: number | null;
  source?: MoneySource | null;
  reference?: string | null;
  actor?: string;
};

/**
 * Raises a flag on a locked order, inside the caller's transaction: an event, `needsAttention` on, and the
 * seller's alert queued. The same note once per order: a replayed callback must not repeat it (or reopen it).
 */
export async function raiseFlag(tx: Tx, orderId: string, flag: Flag): Promise<boolean> {
  const [seen] = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "OrderEvent" WHERE "orderId" = ${orderId} AND kind = 'FLAGGED' AND note = ${flag.note}`;
  if (seen) return false;
  await recordOrderEvent(tx, {
    orderId,
    kind: "FLAGGED",
    actor: flag.actor ?? ACTOR.system,
    at: payments().now(),
    flagKind: flag.kind,
    note: flag.note,
    amountKes: flag.amountKes,
    source: flag.source,
    reference: flag.reference,
  });
  await tx.$executeRaw`UPDATE "Order" SET "needsAttention" = true WHERE id = ${orderId}`;
  await afterOrderChange(tx, { kind: "flagged", orderId, reason: flag.note });
  return true;
}

/** Raises a flag in its own transaction, under the order's lock. */
export async function flagOrder(orderId: string, flag: Flag): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockOrderForUpdate(tx, orderId, { announce: true });
    await raiseFlag(tx, orderId, flag);
  });
}

export type ResolveResult = { ok: true } | { ok: false; reason: string };

/**
 * The seller dealt with a flag ("Mark resolved"): a FLAG_RESOLVED event with who, when and their note. The
 * flag stays in the history; `needsAttention` stays on while another flag of the order is open.
 */
export async function resolveFlag(
  flagId: string,
  { by, note }: { by: string; note?: string | null },
): Promise<ResolveResult> {
  const flag = await prisma.orderEvent.findUnique({
    where: { id: flagId },
    select: { orderId: true, kind: true },
  });
  if (!flag || flag.kind !== "FLAGGED") return { ok: false, reason: "There is no such flag on this order." };
  return prisma.$transaction(async (tx) => {
    await lockOrderForUpdate(tx, flag.orderId, { announce: true });
    const resolved = await recordOrderEvent(tx, {
      orderId: flag.orderId,
      kind: "FLAG_RESOLVED",
      actor: by,
      at: payments().now(),
      note: note?.trim() || null,
      resolvesId: flagId,
    });
    if (!resolved) return { ok: false as const, reason: "This flag was already resolved." };
    await refreshAttention(tx, flag.orderId);
    return { ok: true as const };
  });
}

/** `needsAttention` as the open flags say: true while any FLAGGED event has no resolution. */
async function refreshAttention(tx: Tx, orderId: string) {
  await tx.$executeRaw`
    UPDATE "Order" o SET "needsAttention" = EXISTS (${openFlagsSql(Prisma.raw("o.id"))}) WHERE o.id = ${orderId}`;
}

/** The order's flags no one has resolved yet, oldest first. */
export async function openFlags(db: Db | Tx, orderId: string): Promise<OrderEvent[]> {
  return db.orderEvent.findMany({
    where: { orderId, kind: "FLAGGED", resolution: { is: null } },
    orderBy: [{ at: "asc" }, { seq: "asc" }],
  });
}
