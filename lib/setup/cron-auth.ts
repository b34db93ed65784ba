import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/** `Authorization: Bearer $CRON_SECRET` (Vercel Cron, an outside scheduler, the operator's own call). */
export function cronAuthorized(request: Request): boolean {
  if (!env.cronSecret) return env.devDefaults;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.cronSecret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
