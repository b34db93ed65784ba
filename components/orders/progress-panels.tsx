"use client";

import type { OrderView } from "@/lib/orders/order-view";
import { formatEat, formatKes } from "@/lib/format";
import { OrderItems } from "./order-items";

type PanelProps = { view: OrderView };

const at = (iso: string) => formatEat(new Date(iso));

/** Where the goods are: paid, dispatched or ready for pickup, delivered or picked up, with times in EAT. */
export function ProgressList({ view }: PanelProps) {
  const { method, dispatchedAt, fulfilledAt } = view.progress;
  const steps = [
    view.paidAt && { label: "Paid", at: view.paidAt },
    dispatchedAt && { label: method === "PICKUP" ? "Ready for pickup" : "Dispatched", at: dispatchedAt },
    fulfilledAt && { label: method === "PICKUP" ? "Picked up" : "Delivered", at: fulfilledAt },
  ].filter((s): s is { label: string; at: string } => Boolean(s));
  if (steps.length === 0) return null;
  return (
    <ol className="space-y-1 text-sm" data-testid="order-progress" aria-label="Order progress">
      {steps.map((s) => (
        <li key={s.label} className="flex flex-wrap justify-between gap-x-3">
          <span className="font-medium">{s.label}</span>
          <span className="text-stone-600">{at(s.at)}</span>
        </li>
      ))}
    </ol>
  );
}

/** A pay-on-delivery order before the door: nothing to do now but have the money ready. */
export function OnDeliveryPanel({ view }: PanelProps) {
  const pickup = view.progress.method === "PICKUP";
  return (
    <section
      role="status"
      aria-live="polite"
      className="space-y-3 rounded-xl border border-brand-500 bg-white p-4"
      data-testid="on-delivery"
    >
      <h2 className="text-xl font-semibold text-brand-700">Order placed</h2>
      <p>
        Pay <strong>{formatKes(view.totalKes)}</strong> {pickup ? "when you collect it" : "when it arrives"}:
        by M-Pesa (a prompt comes to {view.phoneMasked}) or cash.
      </p>
      <ProgressList view={view} />
      <OrderItems view={view} />
    </section>
  );
}

export function CancelledPanel({ view }: PanelProps) {
  return (
    <section role="status" className="space-y-3 rounded-xl border border-stone-300 bg-white p-4">
      <h2 className="text-xl font-semibold">This order was cancelled</h2>
      <p>The shop cancelled it before it was paid. Contact the shop if you still want the items.</p>
      <OrderItems view={view} />
    </section>
  );
}
