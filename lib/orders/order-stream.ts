import "server-only";
import { env } from "@/lib/env";
import { watchOrder } from "@/lib/live/order-changes";
import { drainQuietly } from "@/lib/notifications/drain";
import { type EventSink, eventStreamResponse } from "@/lib/live/sse";
import { payments } from "@/lib/payments/shared/context";
import { type OrderView, findOrderId, readOrderForStream, settleOrderIfDue } from "./order-view";

// The old polling interval: a stream never settles its order more often than a polling page did.
const MIN_SETTLE_GAP_MS = 1_500;
// A read that fails (e.g. the pool busy under a burst of shoppers) is tried again, then the stream gives up.
const READ_RETRY_MS = 1_000;
const READ_ATTEMPTS = 3;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Nothing the shopper can do changes these any more: the stream says so and ends. */
const isFinal = (view: OrderView) =>
  view.state === "paid" || view.state === "expired" || view.state === "cancelled";

/** The order's live status stream, or null when there is no such order. */
export async function openOrderStream(request: Request, publicId: string): Promise<Response | null> {
  const orderId = await findOrderId(publicId);
  if (!orderId) return null;
  const statusUrl = new URL(`/api/orders/${encodeURIComponent(publicId)}`, request.url);
  return eventStreamResponse((sink) => followOrder(orderId, publicId, statusUrl, sink), {
    lifetimeMs: env.live.streamSeconds * 1000,
    signal: request.signal,
  });
}

/**
 * Sends the view at once and again whenever what it shows changes, and settles the order on the schedule
 * the polling page used to (STK query when overdue, expiry), so a shopper holding only a stream is served.
 */
function followOrder(orderId: string, publicId: string, statusUrl: URL, sink: EventSink): () => void {
  let lastSent = "";
  let running = false;
  let again = false;
  let settleTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let lastSettle = 0;
  let failures = 0;

  const refresh = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        await readAndSend();
      } while (again && !sink.closed);
    })()
      .catch(fail)
      .finally(() => (running = false));
  };

  async function readAndSend() {
    const found = await readOrderForStream(publicId);
    failures = 0;
    if (!found || sink.closed) return sink.close();
    // serverTime changes on every read; only what the page shows counts.
    const key = JSON.stringify({ ...found.view, serverTime: null });
    if (key !== lastSent) {
      lastSent = key;
      sink.send(found.view);
    }
    if (isFinal(found.view)) return sink.close();
    scheduleSettle(found.settleDueAt);
  }

  function scheduleSettle(dueAt: Date | null) {
    clearTimeout(settleTimer);
    if (!dueAt || sink.closed) return;
    const untilDue = dueAt.getTime() - payments().now().getTime();
    const wait = Math.max(untilDue, lastSettle + MIN_SETTLE_GAP_MS - Date.now(), 0);
    settleTimer = setTimeout(settle, Math.min(wait, MAX_TIMER_MS));
  }

  /**
   * Settled through the status endpoint, a request of its own: this stream's request ended when its response
   * began, so what settling does after that (an expiry putting stock back clears the cached product pages,
   * messages go out after the response) would be dropped here. Settled in place only if that request fails.
   */
  async function settle() {
    lastSettle = Date.now();
    try {
      const answer = await fetch(statusUrl, {
        cache: "no-store",
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await answer.body?.cancel();
      // 404: the order is gone (the read below ends the stream). Any other refusal settled nothing: a 5xx,
      // or a 401/403/429 or a redirect to a login from something in front of the app (Vercel's Deployment
      // Protection on a preview).
      if (!answer.ok && answer.status !== 404) throw new Error(`status endpoint answered ${answer.status}`);
    } catch (e) {
      console.error(
        "[live] settling through the status endpoint failed:",
        e instanceof Error ? e.message : e,
      );
      await settleOrderIfDue(publicId)
        .then(drainQuietly)
        .catch((e: unknown) => console.error("[live] settling failed:", e instanceof Error ? e.message : e));
    }
    if (!sink.closed) refresh();
  }

  // Reads that keep failing end the stream: the browser polls meanwhile and reconnects.
  function fail(e: unknown) {
    console.error("[live] order stream read failed:", e instanceof Error ? e.message : e);
    if (++failures >= READ_ATTEMPTS) return sink.close();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(refresh, READ_RETRY_MS * failures);
  }

  const unwatch = watchOrder(orderId, refresh);
  refresh();
  return () => {
    unwatch();
    clearTimeout(settleTimer);
    clearTimeout(retryTimer);
  };
}
