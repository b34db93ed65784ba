import { type OrderDeliveryView, deliveryLabel, deliveryView } from "@/lib/delivery/describe";

type Props = { delivery: Omit<OrderDeliveryView, "feeKes">; feeKes: number };

/** Where the seller sends the order (or that the shopper collects it), as it was when the order was placed. */
export function DeliveryCard({ delivery, feeKes }: Props) {
  const d = deliveryView(delivery, feeKes);
  const rows: [string, string | null][] =
    d.method === "PICKUP"
      ? [
          ["Pickup at", d.pickupAddress],
          ["Opening hours", d.pickupHours],
        ]
      : [
          ["County", d.county],
          ["Town or estate", d.town],
          ["Landmark", d.landmark],
          ["Estimated time", d.etaText],
        ];
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-4" aria-labelledby="delivery-h">
      <h2 id="delivery-h" className="font-semibold">
        {deliveryLabel(d)}
      </h2>
      <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-y-1 text-sm" data-testid="order-delivery">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-600">{label}</dt>
            <dd className="min-w-0 break-words">{value ?? "–"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
