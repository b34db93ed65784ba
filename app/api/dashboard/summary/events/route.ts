import { withSeller } from "@/lib/auth/guards";
import { openSummaryStream } from "@/lib/dashboard/summary-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// The stream ends itself after LIVE_STREAM_SECONDS (default 55) and the browser reconnects: keep that below.
export const maxDuration = 60;

/** The overview's figures, live, for signed-in sellers only (checked at every (re)connect). */
export async function GET(request: Request) {
  return withSeller(async () => openSummaryStream(request.signal));
}
