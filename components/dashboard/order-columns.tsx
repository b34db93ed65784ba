import Link from "next/link";
import type { ReactNode } from "react";
import type { OrderRow } from "@/lib/dashboard/orders";
import { deliveryLabel } from "@/lib/delivery/describe";
import { fulfilmentLabel } from "@/lib/delivery/fulfilment";
import { formatEat, formatKes, formatPhoneLocal } from "@/lib/format";
import { AttentionBadge, StatusBadge } from "./status-badge";

/**
 * The orders list's columns, in one place: a table header and cells on wide screens, a card on a phone.
 * `card` says where a cell goes on the card: the title line (reference, amount) or a line of its own.
 */
type OrderColumn = {
  label: string;
  width: string;
  card: "title" | "amount" | "line";
  cell: (o: OrderRow) => ReactNode;
};

export const ORDER_COLUMNS: OrderColumn[] = [
  {
    label: "Reference",
    width: "7rem",
    card: "title",
    cell: (o) => (
      // The link covers the whole card (or table row): the row is the tap target.
      <Link
        href={`/dashboard/orders/${o.reference}`}
        className="font-medium whitespace-nowrap text-brand-700 after:absolute after:inset-0 hover:underline"
        data-nav-link
      >
        {o.reference}
      </Link>
    ),
  },
  {
    label: "Customer",
    width: "minmax(0,1fr)",
    card: "line",
    cell: (o) => (
      <>
        <span className="block truncate">{o.customerName}</span>
        <span className="block text-xs whitespace-nowrap text-stone-500">{formatPhoneLocal(o.phone)}</span>
        {o.delivery && (
          <span className="block text-xs text-stone-600" data-testid="order-row-delivery">
            {deliveryLabel(o.delivery)}
            {o.delivery.town ? ` · ${o.delivery.town}` : ""}
          </span>
        )}
      </>
    ),
  },
  {
    label: "Total",
    width: "8rem",
    card: "amount",
    cell: (o) => <span className="font-medium whitespace-nowrap">{formatKes(o.totalKes)}</span>,
  },
  {
    label: "Status",
    width: "7rem",
    card: "line",
    cell: (o) => (
      <span className="flex flex-wrap gap-1">
        <StatusBadge value={o.status} />
        {o.status === "PAID" && (
          <StatusBadge
            value={o.fulfilment}
            label={fulfilmentLabel(o.delivery?.method ?? null, o.fulfilment)}
          />
        )}
        {o.needsAttention && <AttentionBadge />}
        {o.isTest && <StatusBadge value="TEST" label="Test" />}
      </span>
    ),
  },
  {
    label: "Receipt",
    width: "8rem",
    card: "line",
    cell: (o) => <span className="font-mono text-xs">{o.mpesaReceipt ?? "–"}</span>,
  },
  {
    label: "Date (EAT)",
    width: "9rem",
    card: "line",
    cell: (o) => <span className="text-xs text-stone-500">{formatEat(o.paidAt ?? o.createdAt)}</span>,
  },
];
