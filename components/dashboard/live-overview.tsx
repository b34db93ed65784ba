"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import useSWR from "swr";
import type { DashboardSummary } from "@/lib/dashboard/summary";
import { formatEat, formatKes } from "@/lib/format";
import { useEventStream } from "@/components/ui/use-event-stream";
import { RevenueChart } from "./revenue-chart";

const fetcher = async (url: string): Promise<DashboardSummary> => {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not refresh (${res.status})`);
  return res.json();
};

const card = "rounded-xl border border-stone-200 bg-white p-4";

type KpiFigures = {
  revenueKes: number;
  goodsKes: number;
  deliveryKes: number;
  discountKes: number;
  orders: number;
  refundedKes: number;
};

function Kpi({ label, figures }: { label: string; figures: KpiFigures }) {
  const { revenueKes: revenue, orders } = figures;
  return (
    <div className={card} data-testid={`kpi-${label.toLowerCase().replace(/\s+/g, "-")}`}>
      <p className="text-sm text-stone-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold">{formatKes(revenue)}</p>
      <p className="text-sm text-stone-600" data-testid="kpi-split">
        Goods {formatKes(figures.goodsKes)} · Delivery {formatKes(figures.deliveryKes)}
      </p>
      <p className="text-sm text-stone-600">
        {orders} paid order{orders === 1 ? "" : "s"}
      </p>
      {figures.discountKes > 0 && (
        <p className="text-sm text-stone-600" data-testid="kpi-discount">
          Discounts given {formatKes(figures.discountKes)}
        </p>
      )}
      {figures.refundedKes > 0 && (
        <p className="text-sm text-stone-600" data-testid="kpi-refunded">
          Net of {formatKes(figures.refundedKes)} refunded
        </p>
      )}
    </div>
  );
}

/** The overview, live from its event stream; polled every few seconds while the stream is not delivering. */
export function LiveOverview({ initial }: { initial: DashboardSummary }) {
  const router = useRouter();
  const [streaming, setStreaming] = useState(false);
  const {
    data = initial,
    error,
    mutate,
  } = useSWR("/api/dashboard/summary", fetcher, {
    fallbackData: initial,
    refreshInterval: streaming ? 0 : 3000,
  });
  const onEvent = useCallback((next: DashboardSummary) => void mutate(next, { revalidate: false }), [mutate]);
  useEventStream("/api/dashboard/summary/events", onEvent, setStreaming);
  // Signed out elsewhere (or disabled): the next poll gets 401, so go to the login page.
  useEffect(() => {
    if (error instanceof Error && error.message.includes("401")) router.push("/login");
  }, [error, router]);
  const { kpis, payments } = data;
  return (
    <div className="space-y-6">
      <p
        role="status"
        aria-live="polite"
        className="text-xs text-stone-500"
        data-live={streaming ? "stream" : "poll"}
      >
        {error && !streaming
          ? "Could not refresh; retrying…"
          : `${streaming ? "Live · updated" : "Updated"} ${formatEat(new Date(data.generatedAt), "HH:mm:ss")}`}
      </p>
      {data.needsAttention > 0 && (
        <Link
          href="/dashboard/orders?status=attention"
          className="block rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {data.needsAttention} order{data.needsAttention === 1 ? " needs" : "s need"} your attention: money
          arrived in an unusual way.
        </Link>
      )}
      {data.toCollect.orders > 0 && (
        <Link
          href="/dashboard/orders?status=to_collect"
          className="flex min-h-11 flex-wrap items-baseline justify-between gap-x-3 rounded-xl border border-stone-200 bg-white p-3 text-sm"
          data-testid="to-collect"
        >
          <span>
            To collect on delivery: {data.toCollect.orders} order{data.toCollect.orders === 1 ? "" : "s"}
          </span>
          <span className="text-lg font-semibold">{formatKes(data.toCollect.kes)}</span>
        </Link>
      )}
      <section aria-label="Revenue" className="grid gap-3 sm:grid-cols-3">
        <Kpi label="Today" figures={kpis.today} />
        <Kpi label="Last 7 days" figures={kpis.week} />
        <Kpi label="Last 30 days" figures={kpis.month} />
      </section>
      <div className="grid gap-3 lg:grid-cols-3">
        <section className={`${card} lg:col-span-2`} aria-labelledby="chart-h">
          <h2 id="chart-h" className="font-semibold">
            Revenue by day
          </h2>
          <RevenueChart days={data.chart} />
        </section>
        <section className={card} aria-labelledby="pay-h">
          <h2 id="pay-h" className="font-semibold">
            Payment success (30 days)
          </h2>
          <p className="mt-1 text-2xl font-semibold" data-testid="success-rate">
            {payments.successRate === null ? "–" : `${Math.round(payments.successRate * 100)}%`}
          </p>
          <p className="text-sm text-stone-600">
            {payments.succeeded} paid, {payments.failed} failed attempts
          </p>
          {payments.topFailures.length > 0 && (
            <>
              <h3 className="mt-3 text-sm font-medium">Top failure reasons</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {payments.topFailures.map((f) => (
                  <li key={f.reason} className="flex justify-between gap-2">
                    <span className="text-stone-700">{f.label}</span>
                    <span className="font-medium">{f.count}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <section className={card} aria-labelledby="latest-h">
        <h2 id="latest-h" className="font-semibold">
          Latest paid orders
        </h2>
        {data.latest.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">No paid orders yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100" data-testid="latest-paid">
            {data.latest.map((o) => (
              <li
                key={o.reference}
                className="relative flex min-h-11 flex-wrap items-baseline justify-between gap-x-3 py-2 text-sm hover:bg-stone-50"
              >
                {/* The link covers the whole row: the row is the tap target. */}
                <Link
                  href={`/dashboard/orders/${o.reference}`}
                  className="font-medium text-brand-700 after:absolute after:inset-0 hover:underline"
                  data-nav-link
                >
                  {o.reference}
                </Link>
                <span className="flex-1">{o.customerName}</span>
                <span className="font-medium">{formatKes(o.totalKes)}</span>
                <span className="w-full text-xs text-stone-500 sm:w-auto">
                  {o.paidAt ? formatEat(new Date(o.paidAt)) : ""} · {o.mpesaReceipt}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
