import clsx from "clsx";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryCard } from "@/components/dashboard/delivery/delivery-card";
import { FulfilmentForm } from "@/components/dashboard/fulfilment-form";
import { MessageList } from "@/components/dashboard/message-list";
import { AttentionBadge, StatusBadge } from "@/components/dashboard/status-badge";
import { sellerPage } from "@/lib/auth/guards";
import { getOrderDetail } from "@/lib/dashboard/orders";
import { buildTimeline } from "@/lib/dashboard/timeline";
import { deliveryLabel } from "@/lib/delivery/describe";
import { fulfilmentLabel } from "@/lib/delivery/fulfilment";
import { formatEat, formatKes } from "@/lib/format";
import { listOrderMessages } from "@/lib/notifications/queries";

type Props = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Order ${decodeURIComponent((await params).ref)}` };
}

const card = "rounded-xl border border-stone-200 bg-white p-4";
const dot = { info: "bg-stone-400", good: "bg-brand-600", bad: "bg-red-600", warn: "bg-amber-500" };

export default async function OrderPage({ params }: Props) {
  const user = await sellerPage();
  const order = await getOrderDetail(decodeURIComponent((await params).ref));
  if (!order) notFound();
  const timeline = buildTimeline(order);
  const method = order.delivery?.method ?? null;
  const messages = await listOrderMessages(order.id);
  return (
    <div className="space-y-4">
      <Link href="/dashboard/orders" className="text-sm text-brand-700 hover:underline">
        ← Orders
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">{order.reference}</h1>
        <StatusBadge value={order.status} />
        {order.status === "PAID" && (
          <StatusBadge value={order.fulfilment} label={fulfilmentLabel(method, order.fulfilment)} />
        )}
        {order.needsAttention && <AttentionBadge />}
      </div>
      {order.needsAttention && (
        <section
          className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
          aria-labelledby="attention-h"
        >
          <h2 id="attention-h" className="font-semibold">
            Why this order needs attention
          </h2>
          <p className="mt-1">
            {order.attentionReason ??
              "Money arrived for this order in an unusual way. Check the timeline below."}
          </p>
          <p className="mt-1">Check the M-Pesa statement, then fulfil the order or refund the customer.</p>
        </section>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <section className={card} aria-labelledby="customer-h">
          <h2 id="customer-h" className="font-semibold">
            Customer
          </h2>
          <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
            <dt className="text-stone-600">Name</dt>
            <dd>{order.customerName}</dd>
            <dt className="text-stone-600">Phone</dt>
            <dd>
              <a
                href={`tel:+${order.phone}`}
                className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
                data-testid="call-customer"
              >
                Call +{order.phone}
              </a>
            </dd>
            {order.email && (
              <>
                <dt className="text-stone-600">Email</dt>
                <dd>{order.email}</dd>
              </>
            )}
            <dt className="text-stone-600">Placed</dt>
            <dd>{formatEat(order.createdAt)}</dd>
            <dt className="text-stone-600">Paid</dt>
            <dd>{order.paidAt ? formatEat(order.paidAt) : "Not paid"}</dd>
            <dt className="text-stone-600">M-Pesa receipt</dt>
            <dd className="font-mono" data-testid="order-receipt">
              {order.mpesaReceipt ?? "–"}
            </dd>
          </dl>
        </section>
        <section className={card} aria-labelledby="items-h">
          <h2 id="items-h" className="font-semibold">
            Items
          </h2>
          <ul className="mt-2 divide-y divide-stone-100 text-sm">
            {order.items.map((i) => (
              <li key={i.id} className="flex justify-between gap-2 py-1">
                <span>
                  {i.quantity} × {i.name}{" "}
                  <span className="text-stone-500">@ {formatKes(i.unitPriceKes)}</span>
                </span>
                <span>{formatKes(i.quantity * i.unitPriceKes)}</span>
              </li>
            ))}
          </ul>
          {order.delivery && (
            <p className="mt-2 flex justify-between gap-2 border-t border-stone-200 pt-2 text-sm">
              <span>Goods</span>
              <span>{formatKes(order.totalKes - order.deliveryFeeKes)}</span>
            </p>
          )}
          {order.delivery && (
            <p className="flex justify-between gap-2 text-sm">
              <span>{deliveryLabel(order.delivery)}</span>
              <span>{order.deliveryFeeKes === 0 ? "Free" : formatKes(order.deliveryFeeKes)}</span>
            </p>
          )}
          <p className="mt-2 flex justify-between border-t border-stone-200 pt-2 font-semibold">
            <span>Total</span>
            <span>{formatKes(order.totalKes)}</span>
          </p>
        </section>
      </div>
      {order.delivery && <DeliveryCard delivery={order.delivery} feeKes={order.deliveryFeeKes} />}
      {order.status === "PAID" && (
        <section className={card} aria-label="Fulfilment">
          <FulfilmentForm reference={order.reference} method={method} fulfilment={order.fulfilment} />
        </section>
      )}
      <section className={card} aria-labelledby="timeline-h">
        <h2 id="timeline-h" className="font-semibold">
          Payment timeline
        </h2>
        <ol className="mt-3 space-y-3" data-testid="timeline">
          {timeline.map((e) => (
            <li key={e.key} className="flex gap-3 text-sm">
              <span
                className={clsx("mt-1.5 h-2 w-2 shrink-0 rounded-full", dot[e.tone])}
                aria-hidden="true"
              />
              <div className="min-w-0 flex-1">
                <p className="font-medium">{e.title}</p>
                {e.detail && <p className="text-stone-700">{e.detail}</p>}
                <p className="text-xs text-stone-500">{formatEat(e.at, "d MMM yyyy, HH:mm:ss")}</p>
                {e.raw !== undefined && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">Raw payload</summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-stone-100 p-2 text-xs">
                      {e.raw}
                    </pre>
                  </details>
                )}
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section className={card} aria-labelledby="messages-h">
        <h2 id="messages-h" className="font-semibold">
          Messages
        </h2>
        <MessageList messages={messages} canResend={user.role === "OWNER"} />
      </section>
    </div>
  );
}
