import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { drainNotifications } from "@/lib/notifications/drain";
import { reconcileAll } from "@/lib/payments/stk/reconcile";
import { pruneRejectedCallbacks } from "@/lib/payments/stk/rejected-callbacks";
import { recordJobRun } from "@/lib/setup/job-runs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  if (!env.cronSecret) return env.nodeEnv !== "production";
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.cronSecret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Vercel Cron (vercel.json) and `npm run reconcile`: settle stale attempts, expire unpaid orders, then send
 * the messages still due (retries, and any a crashed instance left behind).
 */
export async function GET(request: Request) {
  if (!authorized(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const reconciled = await reconcileAll();
  await recordJobRun("reconcile");
  const notifications = await drainNotifications().catch((e: unknown) => ({
    error: e instanceof Error ? e.message : String(e),
  }));
  return Response.json({
    ...reconciled,
    notifications,
    prunedRejectedCallbacks: await pruneRejectedCallbacks(),
  });
}
