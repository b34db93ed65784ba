import Link from "next/link";
import type { OrderRow } from "@/lib/dashboard/orders";
import { deliveryLabel } from "@/lib/delivery/describe";
import { fulfilmentLabel } from "@/lib/delivery/fulfilment";
import { formatEat, formatKes } from "@/lib/format";
import { AttentionBadge, StatusBadge } from "./status-badge";

const cols = "md:grid md:grid-cols-[7rem_1fr_8rem_7rem_8rem_9rem] md:items-center md:gap-3";

/** Orders as a table on wide screens and as stacked cards on a phone (one markup, two layouts). */
export function OrdersList({ rows }: { rows: OrderRow[] }) {
  if (rows.length === 0)
    return (
      <p className="rounded-xl border border-stone-200 bg-white p-6 text-center text-stone-600">
        No orders match these filters.
      </p>
    );
  return (
    <div className="rounded-xl border border-stone-200 bg-white">
      <div
        className={`hidden border-b border-stone-200 px-3 py-2 text-xs font-medium text-stone-500 uppercase ${cols}`}
        aria-hidden="true"
      >
        <span>Reference</span>
        <span>Customer</span>
        <span>Total</span>
        <span>Status</span>
        <span>Receipt</span>
        <span>Date (EAT)</span>
      </div>
      <ul className="divide-y divide-stone-100" data-testid="orders-list">
        {rows.map((o) => (
          <li
            key={o.id}
            data-testid="order-row"
            className={`flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-3 text-sm ${cols}`}
          >
            <Link
              href={`/dashboard/orders/${o.reference}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {o.reference}
            </Link>
            {/* Its own line on a phone: squeezed beside the total, a long name ran into it. */}
            <span className="min-w-0 flex-1 basis-full md:basis-auto">
              {o.customerName}
              <span className="block text-xs text-stone-500">{o.phone}</span>
              {o.delivery && (
                <span className="block text-xs text-stone-600" data-testid="order-row-delivery">
                  {deliveryLabel(o.delivery)}
                  {o.delivery.town ? ` · ${o.delivery.town}` : ""}
                </span>
              )}
            </span>
            <span className="font-medium">{formatKes(o.totalKes)}</span>
            <span className="flex flex-wrap gap-1">
              <StatusBadge value={o.status} />
              {o.status === "PAID" && (
                <StatusBadge
                  value={o.fulfilment}
                  label={fulfilmentLabel(o.delivery?.method ?? null, o.fulfilment)}
                />
              )}
              {o.needsAttention && <AttentionBadge />}
            </span>
            <span className="font-mono text-xs">{o.mpesaReceipt ?? "–"}</span>
            <span className="w-full text-xs text-stone-500 md:w-auto">
              {formatEat(o.paidAt ?? o.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
