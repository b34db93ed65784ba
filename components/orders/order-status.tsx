"use client";

import { useCallback, useState } from "react";
import useSWR from "swr";
import type { OrderView } from "@/lib/orders/order-view";
import { formatKes } from "@/lib/format";
import { useEventStream } from "@/components/ui/use-event-stream";
import { PayByHandPanel } from "./pay-by-hand-panel";
import { ServerClock, clockOffsetFrom } from "./use-now";
import { ExpiredPanel, FailedPanel, PaidPanel, UnknownPanel, WaitingPanel } from "./status-panels";
import { CancelledPanel, OnDeliveryPanel } from "./progress-panels";

/** A view and the server clock's offset at the moment it arrived. */
type Polled = { view: OrderView; clockOffsetMs: number };

const arrived = (view: OrderView): Polled => ({ view, clockOffsetMs: clockOffsetFrom(view.serverTime) });

const fetchView = async (url: string): Promise<Polled> => {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return arrived(await res.json());
};

const isSettling = (v: OrderView) => v.state === "waiting" || v.state === "unknown";
// Polling is the fallback: every 1.4 s puts a payment on screen within 1.6 s (p95, bench/RESULTS.md) even
// with the stream blocked. A failed prompt may still be paid by hand (Pay Bill): keep listening, more slowly.
const pollEvery = (v: OrderView) =>
  isSettling(v) ? 1400 : v.payByHand ? 3000 : v.state === "on_delivery" ? 5000 : 0;
/** Paid, expired and cancelled orders change no more: no stream for them. */
const mayChange = (v: OrderView) => isSettling(v) || v.state === "failed" || v.state === "on_delivery";

/**
 * The order page's live part: follows the order's event stream, and polls the status endpoint only while
 * the stream is not delivering (the stream is an accelerator; polling keeps the page correct without it).
 */
export function OrderStatus({ initial }: { initial: OrderView }) {
  const [fallbackData] = useState(() => arrived(initial));
  const statusUrl = `/api/orders/${initial.publicId}`;
  const [streaming, setStreaming] = useState(false);
  const { data = fallbackData, mutate } = useSWR(statusUrl, fetchView, {
    fallbackData,
    // Before the first fetch SWR passes undefined (fallbackData is not in its cache): use the server's view.
    // A failed prompt may still be paid by hand (Pay Bill): polled too while the stream is not delivering.
    refreshInterval: (latest) => (streaming ? 0 : pollEvery((latest ?? fallbackData).view)),
    // SWR's default 2 s de-duplication would swallow every other 1.5 s poll.
    dedupingInterval: 500,
    revalidateOnFocus: true,
  });
  const { view, clockOffsetMs } = data;
  const onEvent = useCallback(
    (next: OrderView) => void mutate(arrived(next), { revalidate: false }),
    [mutate],
  );
  useEventStream(mayChange(view) ? `${statusUrl}/events` : null, onEvent, setStreaming);
  const refresh = () => void mutate();
  return (
    <ServerClock value={{ offsetMs: clockOffsetMs, shownAt: Date.parse(view.serverTime) }}>
      <div className="space-y-4" data-live={streaming ? "stream" : "poll"}>
        <div className="flex items-baseline justify-between">
          <h1 className="text-2xl font-bold">
            Order <span className="whitespace-nowrap">{view.reference}</span>
          </h1>
          <span className="text-lg font-semibold">
            <span className="whitespace-nowrap">{formatKes(view.totalKes)}</span>
          </span>
        </div>
        {view.state === "waiting" && <WaitingPanel view={view} />}
        {view.state === "unknown" && <UnknownPanel view={view} onRetried={refresh} />}
        {view.state === "paid" && <PaidPanel view={view} />}
        {view.state === "failed" && <FailedPanel view={view} onRetried={refresh} />}
        {view.state === "expired" && <ExpiredPanel view={view} />}
        {view.state === "cancelled" && <CancelledPanel view={view} />}
        {view.state === "on_delivery" && <OnDeliveryPanel view={view} />}
        {view.payByHand && <PayByHandPanel pay={view.payByHand} publicId={view.publicId} />}
      </div>
    </ServerClock>
  );
}
