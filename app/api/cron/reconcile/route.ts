import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { reconcileAll } from "@/lib/payments/reconcile";
import { recordJobRun } from "@/lib/setup/job-runs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  if (!env.cronSecret) return env.nodeEnv !== "production";
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.cronSecret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Vercel Cron (vercel.json) and `npm run reconcile`: settle stale attempts, expire unpaid orders. */
export async function GET(request: Request) {
  if (!authorized(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const result = await reconcileAll();
  await recordJobRun("reconcile");
  return Response.json(result);
}
