import "server-only";
import { env } from "@/lib/env";
import { watchPaidOrders } from "@/lib/live/order-changes";
import { type EventSink, eventStreamResponse } from "@/lib/live/sse";
import { getDashboardSummary } from "./summary";

// The overview's queries take a few hundred ms at 100,000 orders: a burst of payments refreshes it once a second.
const MIN_REFRESH_GAP_MS = 1_000;

/** The overview's figures as server-sent events: at connect, then whenever a payment changes them. */
export function openSummaryStream(signal?: AbortSignal): Response {
  return eventStreamResponse(followSummary, { lifetimeMs: env.live.streamSeconds * 1000, signal });
}

function followSummary(sink: EventSink): () => void {
  let lastSent = "";
  let timer: NodeJS.Timeout | undefined;
  let lastRun = 0;
  let running = false;

  async function refresh() {
    timer = undefined;
    running = true;
    lastRun = Date.now();
    try {
      const summary = await getDashboardSummary();
      const key = JSON.stringify({ ...summary, generatedAt: null });
      if (key !== lastSent && !sink.closed) {
        lastSent = key;
        sink.send(summary);
      }
    } catch (e) {
      console.error("[live] dashboard stream failed:", e instanceof Error ? e.message : e);
      sink.close();
    } finally {
      running = false;
    }
  }

  const schedule = () => {
    if (timer || sink.closed) return;
    const wait = running ? MIN_REFRESH_GAP_MS : Math.max(0, lastRun + MIN_REFRESH_GAP_MS - Date.now());
    timer = setTimeout(() => void refresh(), wait);
  };

  const unwatch = watchPaidOrders(schedule);
  schedule();
  return () => {
    unwatch();
    clearTimeout(timer);
  };
}
