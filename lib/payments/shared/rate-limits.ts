import "server-only";
import type { Db, Tx } from "@/lib/db";
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

export const phoneLimitKey = (msisdn: string) => `prompt:phone:${msisdn}`;
export const ipLimitKey = (ip: string) => `checkout:ip:${ip}`;
