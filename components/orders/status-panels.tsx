"use client";

import type { OrderView } from "@/lib/orders/order-view";
import { formatKes } from "@/lib/format";
import { rebuildCart } from "@/lib/orders/order-actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { describeDeliveryDetail } from "@/lib/delivery/describe";
import { OrderItems } from "./order-items";
import { ProgressList } from "./progress-panels";
import { RefundList } from "./refund-list";
import { RetryControls } from "./retry-controls";
import { formatCountdown, secondsUntil, useNow } from "./use-now";

type PanelProps = { view: OrderView };

export function WaitingPanel({ view }: PanelProps) {
  const now = useNow(true);
  const left = secondsUntil(view.promptExpiresAt, now);
  return (
    <section
      role="status"
      aria-live="polite"
      aria-busy="true"
      className="rounded-xl border border-brand-500 bg-brand-50 p-4"
    >
      <h2 className="text-xl font-semibold">Check your phone</h2>
      <p className="mt-1">
        We sent an M-Pesa prompt for{" "}
        <strong>
          <span className="whitespace-nowrap">{formatKes(view.totalKes)}</span>
        </strong>{" "}
        to <strong>{view.phoneMasked}</strong>. Enter your M-Pesa PIN to pay.
      </p>
      <p className="mt-2 text-sm text-stone-700" aria-live="off">
        {left > 0 ? `The prompt expires in ${formatCountdown(left)}.` : "Waiting for M-Pesa to confirm…"}
      </p>
      <noscript>
        <meta httpEquiv="refresh" content="5" />
        <p className="text-sm">This page refreshes itself every few seconds.</p>
      </noscript>
    </section>
  );
}

export function UnknownPanel({ view, onRetried }: PanelProps & { onRetried: () => void }) {
  return (
    <section
      role="status"
      aria-live="polite"
      className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
    >
      <h2 className="text-xl font-semibold">We could not confirm the prompt was sent</h2>
      <p>
        M-Pesa did not answer in time. If a prompt for{" "}
        <span className="whitespace-nowrap">{formatKes(view.totalKes)}</span> appears on {view.phoneMasked},
        enter your PIN: we will see the payment. Otherwise, try again.
      </p>
      <RetryControls view={view} onRetried={onRetried} />
    </section>
  );
}

export function FailedPanel({ view, onRetried }: PanelProps & { onRetried: () => void }) {
  return (
    <section role="alert" className="space-y-3 rounded-xl border border-red-300 bg-red-50 p-4">
      <h2 className="text-xl font-semibold">Payment not completed</h2>
      <p data-testid="failure-reason">{view.failureMessage}</p>
      {view.canRetry && <RetryControls view={view} onRetried={onRetried} />}
      <OrderItems view={view} />
    </section>
  );
}

export function PaidPanel({ view }: PanelProps) {
  return (
    <section
      role="status"
      aria-live="polite"
      className="space-y-3 rounded-xl border border-brand-500 bg-white p-4"
    >
      <h2 className="text-xl font-semibold text-brand-700">Payment received</h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-stone-600">{view.paidInCash ? "Payment" : "M-Pesa receipt"}</dt>
        <dd className="font-mono font-semibold" data-testid="receipt">
          {view.paidInCash ? "In cash" : (view.receipt ?? "Confirmed by M-Pesa; receipt number to follow")}
        </dd>
        <dt className="text-stone-600">Customer</dt>
        <dd>{view.customerName}</dd>
        {view.delivery && (
          <>
            <dt className="text-stone-600">{view.delivery.method === "PICKUP" ? "Pickup" : "Delivery"}</dt>
            <dd data-testid="receipt-delivery">{describeDeliveryDetail(view.delivery)}</dd>
          </>
        )}
      </dl>
      <ProgressList view={view} />
      <RefundList refunds={view.refunds} />
      <OrderItems view={view} />
      <button
        type="button"
        onClick={() => window.print()}
        className="min-h-11 rounded-lg border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100 print:hidden"
      >
        Print receipt
      </button>
    </section>
  );
}

export function ExpiredPanel({ view }: PanelProps) {
  return (
    <section role="status" className="space-y-3 rounded-xl border border-stone-300 bg-white p-4">
      <h2 className="text-xl font-semibold">This order expired</h2>
      <p>
        It was not paid in time, so its items went back on the shelf. Put them back in your cart to check out
        again.
      </p>
      <form action={rebuildCart}>
        <input type="hidden" name="publicId" value={view.publicId} />
        <SubmitButton>Put items back in my cart</SubmitButton>
      </form>
      <OrderItems view={view} />
    </section>
  );
}
