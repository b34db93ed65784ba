import Link from "next/link";
import { AttachForm, RefundForm, RegisterUrlsForm } from "@/components/dashboard/c2b-forms";
import { sellerPage } from "@/lib/auth/guards";
import { formatEat, formatKes } from "@/lib/format";
import { c2bRegistrationStatus } from "@/lib/payments/c2b/registration";
import {
  listCutOffConfirmations,
  listResolvedPayments,
  listUnmatchedPayments,
} from "@/lib/payments/c2b/unmatched";
import {
  type RefusedNotification,
  listRefusedNotifications,
} from "@/lib/payments/shared/refused-notifications";

export const metadata = { title: "Payments" };
export const dynamic = "force-dynamic";

/** "Registered on 5 Dec 2026, 14:05 EAT by owner@…: M-Pesa will confirm …", one sentence. */
function registrationSentence(r: {
  ok: boolean;
  createdAt: Date;
  registeredBy: string | null;
  message: string;
}) {
  const when = `on ${formatEat(r.createdAt)} by ${r.registeredBy ?? "the shop"}`;
  const what = r.message.replace(/^Registered:\s*/, "");
  return r.ok ? `Registered ${when}: ${what}` : `Registering ${when} failed: ${what}`;
}

/** Payments M-Pesa began to confirm but whose details never arrived: only the time is known. */
function CutOffConfirmations({ events }: { events: { id: string; receivedAt: Date }[] }) {
  return (
    <div
      className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm"
      data-testid="cut-off-confirmations"
    >
      <p>
        M-Pesa began to confirm {events.length === 1 ? "a payment" : `${events.length} payments`}, but the
        connection was cut before the details arrived, so the shop cannot tell whose{" "}
        {events.length === 1 ? "it was" : "they were"} or how much:
      </p>
      <ul className="list-disc pl-5">
        {events.map((e) => (
          <li key={e.id}>{formatEat(e.receivedAt)}</li>
        ))}
      </ul>
      <p className="text-stone-600">
        Look for a Pay Bill payment at that time on the M-Pesa statement. The shopper can count it on their
        order page under &ldquo;Already paid? Enter your M-Pesa code&rdquo;.
      </p>
    </div>
  );
}

/** What M-Pesa reported and the shop refused for good: nothing was counted from any of them. */
function RefusedNotifications({ items }: { items: RefusedNotification[] }) {
  return (
    <section className="space-y-3" aria-labelledby="refused">
      <h2 id="refused" className="text-lg font-semibold">
        Not counted ({items.length})
      </h2>
      <p className="text-sm text-stone-600">
        M-Pesa reported these, and the shop counted no money from them. A receipt already counted on another
        order is a forged callback or a code typed on the wrong order: check each on the M-Pesa statement.
      </p>
      <ul
        className="divide-y divide-stone-100 rounded-xl border border-amber-300 bg-white text-sm"
        data-testid="refused-notifications"
      >
        {items.map((n) => (
          <li key={n.id} className="space-y-1 px-3 py-2 break-words" data-testid="refused-notification">
            {n.kind === "prompt" && n.orderReference ? (
              <Link
                href={`/dashboard/orders/${n.orderReference}`}
                className="inline-flex min-h-11 items-center font-medium text-brand-700 hover:underline"
                data-nav-link
              >
                Prompt callback for {n.orderReference}
              </Link>
            ) : (
              <p className="font-medium">Pay Bill confirmation</p>
            )}
            <p>{n.reason}</p>
            <p className="text-xs text-stone-500">{formatEat(n.receivedAt)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function PaymentsPage() {
  const user = await sellerPage();
  const [registration, unmatched, cutOff, resolved, refused] = await Promise.all([
    c2bRegistrationStatus(),
    listUnmatchedPayments(),
    listCutOffConfirmations(),
    listResolvedPayments(),
    listRefusedNotifications(),
  ]);
  const owner = user.role === "OWNER";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Payments</h1>
      <section
        className="space-y-2 rounded-xl border border-stone-200 bg-white p-4"
        aria-labelledby="c2b-urls"
      >
        <h2 id="c2b-urls" className="text-lg font-semibold">
          Pay Bill confirmations
        </h2>
        <p className="text-sm text-stone-600">
          Shoppers whose prompt fails can pay by Pay Bill with their order number. M-Pesa tells the shop at
          the URLs registered here.
        </p>
        <p className="text-sm" data-testid="c2b-registration">
          {registration.latest ? registrationSentence(registration.latest) : "Not registered yet."}
        </p>
        {registration.active && !registration.latest?.ok && (
          <p className="text-sm text-stone-600">
            The URLs registered on {formatEat(registration.active.createdAt)} stay in use.
          </p>
        )}
        {owner && <RegisterUrlsForm />}
      </section>

      <section className="space-y-3" aria-labelledby="unmatched">
        <h2 id="unmatched" className="text-lg font-semibold">
          Unmatched payments ({unmatched.length})
        </h2>
        {unmatched.length === 0 && cutOff.length === 0 && (
          <p className="text-sm text-stone-600">Every payment received is on an order.</p>
        )}
        {cutOff.length > 0 && <CutOffConfirmations events={cutOff} />}
        <ul className="space-y-3" data-testid="unmatched-list">
          {unmatched.map((p) => (
            <li
              key={p.id}
              className="space-y-3 rounded-xl border border-amber-300 bg-white p-4 text-sm"
              data-testid="unmatched-payment"
            >
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="text-lg font-semibold">{formatKes(p.amountKes)}</span>
                <span className="font-mono">{p.transId}</span>
              </p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 break-all">
                <dt className="text-stone-600">Type</dt>
                <dd>{p.transactionType || "unknown"}</dd>
                <dt className="text-stone-600">Account typed</dt>
                <dd className="font-mono">{p.billRefNumber || "none (Buy Goods)"}</dd>
                <dt className="text-stone-600">From</dt>
                <dd>
                  {p.firstName || "unknown"} · {p.msisdn || "no number"}
                </dd>
                <dt className="text-stone-600">Paid</dt>
                <dd>{formatEat(p.transTime)}</dd>
                <dt className="text-stone-600">Why here</dt>
                <dd>{p.outcome}</dd>
              </dl>
              {owner ? (
                <>
                  <AttachForm paymentId={p.id} suggestions={p.suggestions} />
                  <RefundForm paymentId={p.id} />
                </>
              ) : (
                <p className="text-stone-600">The owner can attach it to an order or mark it refunded.</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      {refused.length > 0 && <RefusedNotifications items={refused} />}

      {resolved.length > 0 && (
        <section className="space-y-2" aria-labelledby="resolved">
          <h2 id="resolved" className="text-lg font-semibold">
            Recently resolved
          </h2>
          <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white text-sm">
            {resolved.map((p) => (
              <li key={p.id} className="px-3 py-2 break-words">
                <span className="font-mono">{p.transId}</span> {formatKes(p.amountKes)}:{" "}
                {p.status === "REFUNDED" ? "refunded" : `attached to ${p.order?.reference ?? "an order"}`} by{" "}
                {p.resolvedBy} {p.resolvedAt ? formatEat(p.resolvedAt) : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
