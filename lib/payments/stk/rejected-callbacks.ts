import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { payments } from "../shared/context";
import { consumeLimit } from "../shared/rate-limits";

/** Enough of an outsider's body to see what it was; the rest is theirs to keep. */
export const REJECTED_BODY_CHARS = 1024;
const ALL_SOURCES = "callback:rejected:all";

/**
 * A POST that matches no payment (unknown token, or a sender outside the allowlist) is noted small and
 * capped: per source IP and in total per window, so anyone can fill the log only up to a fixed size.
 * Returns the event's id, or null when over the cap (then nothing is written).
 */
export async function recordRejectedCallback(input: {
  tokenHash: string;
  rawBody: string;
  headers: Record<string, string>;
  sourceIp: string | null;
  reason: string;
}): Promise<string | null> {
  const perIp = env.limits.rejectedCallbacksPerIp;
  if (!(await consumeLimit(prisma, `callback:rejected:${input.sourceIp ?? "unknown"}`, perIp))) return null;
  if (!(await consumeLimit(prisma, ALL_SOURCES, perIp * 10))) return null;
  const event = await prisma.callbackEvent.create({
    data: {
      token: input.tokenHash,
      rawBody: input.rawBody.slice(0, REJECTED_BODY_CHARS).replace(/\u0000/g, "\uFFFD"),
      headers: input.headers,
      sourceIp: input.sourceIp,
      verdict: "REJECTED",
      reason: input.reason,
    },
    select: { id: true },
  });
  return event.id;
}

/** The cron drops outsiders' rejected posts after the retention window; callbacks of a payment stay. */
export async function pruneRejectedCallbacks(): Promise<number> {
  const cutoff = new Date(
    payments().now().getTime() - env.limits.rejectedCallbackRetentionDays * 24 * 60 * 60_000,
  );
  const { count } = await prisma.callbackEvent.deleteMany({
    where: { verdict: "REJECTED", attemptId: null, receivedAt: { lt: cutoff } },
  });
  return count;
}
