import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { recordJobRun } from "@/lib/setup/job-runs";
import { runScheduledWork } from "@/lib/setup/scheduled-work";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  if (!env.cronSecret) return env.devDefaults;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.cronSecret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Vercel Cron (vercel.json, daily), an outside scheduler with `Authorization: Bearer $CRON_SECRET`, and
 * `npm run reconcile`: settle stale attempts, expire unpaid orders, then send the messages still due.
 */
export async function GET(request: Request) {
  if (!authorized(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const result = await runScheduledWork();
  await recordJobRun("reconcile");
  return Response.json(result);
}
