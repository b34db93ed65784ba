import { cronAuthorized } from "@/lib/setup/cron-auth";
import { runScheduledJob } from "@/lib/setup/scheduled-work";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Vercel Cron (vercel.json, daily), an outside scheduler with `Authorization: Bearer $CRON_SECRET`, and
 * `npm run reconcile`: settle stale attempts, expire unpaid orders, then send the messages still due.
 */
export async function GET(request: Request) {
  if (!cronAuthorized(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  return Response.json(await runScheduledJob());
}
