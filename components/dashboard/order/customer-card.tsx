import type { OrderDetail } from "@/lib/dashboard/orders";
import { formatEat, formatPhoneLocal } from "@/lib/format";
import { card } from "./card";

/** Who placed the order, how to reach them, and when it was placed and paid. */
export function CustomerCard({ order }: { order: OrderDetail }) {
  return (
    <section className={card} aria-labelledby="customer-h">
      <h2 id="customer-h" className="font-semibold">
        Customer
      </h2>
      <dl className="mt-2 grid grid-cols-[7rem_minmax(0,1fr)] gap-y-1 text-sm break-words">
        <dt className="text-stone-600">Name</dt>
        <dd>{order.customerName}</dd>
        <dt className="text-stone-600">Phone</dt>
        <dd>
          <a
            href={`tel:+${order.phone}`}
            className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
            data-testid="call-customer"
          >
            Call {formatPhoneLocal(order.phone)}
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
  );
}
