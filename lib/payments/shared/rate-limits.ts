import "server-only";
import type { Db, Tx } from "@/lib/db";
import { formatEat } from "@/lib/format";
import { payments } from "./context";

/**
 * Fixed-window counter kept in PostgreSQL, so the limit holds across serverless instances.
 * Use the transaction client when inside a transaction (a second connection would wait on it).
 * Counts this use and reports whether it is within `limit`.
 */
export async function consumeLimit(db: Db | Tx, key: string, limit: number): Promise<boolean> {
  const { now, limitWindowMinutes } = payments();
  const at = now();
  const windowStart = new Date(at.getTime() - limitWindowMinutes * 60_000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${key}, ${at}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" < ${windowStart} THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" < ${windowStart} THEN ${at} ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count"`;
  return (rows[0]?.count ?? 1) <= limit;
}

/** When the counter's current window ends (and its limit is free again); null when it has no window. */
async function limitEndsAt(db: Db | Tx, key: string): Promise<Date | null> {
  const row = await db.rateLimitCounter.findUnique({ where: { key }, select: { windowStart: true } });
  return row ? new Date(row.windowStart.getTime() + payments().limitWindowMinutes * 60_000) : null;
}

/**
 * Counts one M-Pesa prompt to `msisdn` against its limit (inside the caller's transaction, so a refusal
 * rolled back later is not counted). Returns null while within it, else what to tell the shopper: "too many
 * prompts to this number", with when it may have one again.
 */
export async function promptLimitRefusal(
  tx: Tx,
  msisdn: string,
  limit: number,
  now: Date,
): Promise<string | null> {
  if (await consumeLimit(tx, phoneLimitKey(msisdn), limit)) return null;
  return promptLimitMessage(await limitEndsAt(tx, phoneLimitKey(msisdn)), now);
}

/** "Too many M-Pesa prompts to this number", with when the number may have one again. */
function promptLimitMessage(endsAt: Date | null, now: Date): string {
  if (!endsAt)
    return `Too many M-Pesa prompts to this number. Please wait ${payments().limitWindowMinutes} minutes.`;
  const minutes = Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 60_000));
  return `Too many M-Pesa prompts to this number. You can try again at ${formatEat(endsAt, "HH:mm")} (in ${minutes} minute${minutes === 1 ? "" : "s"}).`;
}

export const phoneLimitKey = (msisdn: string) => `prompt:phone:${msisdn}`;
export const ipLimitKey = (ip: string) => `checkout:ip:${ip}`;
