import "server-only";
import { prisma } from "@/lib/db";
import { COUNTED_ELSEWHERE } from "../core/pay-order";
import { payments } from "./context";
import { CANNOT_APPLY } from "./incoming";

/** How long the Payments page shows a refused notification. */
const SHOWN_DAYS = 14;

export type RefusedNotification = {
  id: string;
  kind: "prompt" | "paybill";
  receivedAt: Date;
  /** The order whose prompt the callback answered (prompt callbacks only). */
  orderReference: string | null;
  /** Why nothing was counted, as its verdict says it. */
  reason: string;
};

const withoutReplayNote = (reason: string | null) => (reason ?? "").replace(/^replayed: /, "");

/**
 * Notifications from M-Pesa that claimed money and were refused for good, newest first: a prompt's success
 * naming a receipt already counted on another order (a forgery, or a code typed on the wrong order), and
 * callbacks or Pay Bill confirmations the shop could not record at all (failsEveryTime). Nothing was
 * counted from them; the seller checks them against the M-Pesa statement.
 */
export async function listRefusedNotifications(): Promise<RefusedNotification[]> {
  const since = new Date(payments().now().getTime() - SHOWN_DAYS * 86_400_000);
  const [callbacks, confirmations] = await Promise.all([
    prisma.callbackEvent.findMany({
      where: {
        verdict: "REJECTED",
        attemptId: { not: null },
        receivedAt: { gte: since },
        OR: [{ reason: { contains: COUNTED_ELSEWHERE } }, { reason: { contains: CANNOT_APPLY } }],
      },
      orderBy: { receivedAt: "desc" },
      take: 20,
      select: {
        id: true,
        receivedAt: true,
        reason: true,
        attempt: { select: { order: { select: { reference: true } } } },
      },
    }),
    prisma.c2bEvent.findMany({
      where: {
        kind: "CONFIRMATION",
        verdict: "REJECTED",
        receivedAt: { gte: since },
        reason: { contains: CANNOT_APPLY },
      },
      orderBy: { receivedAt: "desc" },
      take: 20,
      select: { id: true, receivedAt: true, reason: true },
    }),
  ]);
  return [
    ...callbacks.map((c): RefusedNotification => ({
      id: c.id,
      kind: "prompt",
      receivedAt: c.receivedAt,
      orderReference: c.attempt?.order.reference ?? null,
      reason: withoutReplayNote(c.reason),
    })),
    ...confirmations.map((c): RefusedNotification => ({
      id: c.id,
      kind: "paybill",
      receivedAt: c.receivedAt,
      orderReference: null,
      reason: withoutReplayNote(c.reason),
    })),
  ]
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
    .slice(0, 20);
}
