import type { OrderDetail } from "@/lib/dashboard/orders";
import { deliveryLabel } from "@/lib/delivery/describe";
import { formatKes } from "@/lib/format";
import { card } from "./card";

/** The order's lines, its delivery fee and its total. */
export function ItemsCard({ order }: { order: OrderDetail }) {
  return (
    <section className={card} aria-labelledby="items-h">
      <h2 id="items-h" className="font-semibold">
        Items
      </h2>
      <ul className="mt-2 divide-y divide-stone-100 text-sm">
        {order.items.map((i) => (
          <li key={i.id} className="flex justify-between gap-2 py-1">
            <span className="min-w-0">
              {i.quantity} × {i.name} <span className="text-stone-500">@ {formatKes(i.unitPriceKes)}</span>
              {i.sku && <span className="block text-xs text-stone-500">SKU {i.sku}</span>}
            </span>
            <span className="shrink-0 whitespace-nowrap">{formatKes(i.quantity * i.unitPriceKes)}</span>
          </li>
        ))}
      </ul>
      {(order.delivery || order.discountKes > 0) && (
        <p className="mt-2 flex justify-between gap-2 border-t border-stone-200 pt-2 text-sm">
          <span>Goods</span>
          <span className="shrink-0 whitespace-nowrap">
            {formatKes(order.totalKes - order.deliveryFeeKes + order.discountKes)}
          </span>
        </p>
      )}
      {order.delivery && (
        <p className="flex justify-between gap-2 text-sm">
          <span>{deliveryLabel(order.delivery)}</span>
          <span className="shrink-0 whitespace-nowrap">
            {order.deliveryFeeKes === 0 ? "Free" : formatKes(order.deliveryFeeKes)}
          </span>
        </p>
      )}
      {order.discountKes > 0 && (
        <p className="flex justify-between gap-2 text-sm text-brand-700" data-testid="order-discount">
          <span>Discount ({order.discountCode})</span>
          <span className="shrink-0 whitespace-nowrap">−{formatKes(order.discountKes)}</span>
        </p>
      )}
      <p className="mt-2 flex justify-between border-t border-stone-200 pt-2 font-semibold">
        <span>Total</span>
        <span className="whitespace-nowrap">{formatKes(order.totalKes)}</span>
      </p>
    </section>
  );
}
