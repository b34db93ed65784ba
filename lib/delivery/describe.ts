import { formatKes } from "@/lib/format";

/** The delivery part of an order as stored (OrderDelivery) with the order's fee. */
export type OrderDeliveryView = {
  method: "PICKUP" | "DELIVERY";
  feeKes: number;
  zoneName: string | null;
  etaText: string | null;
  county: string | null;
  town: string | null;
  landmark: string | null;
  pickupAddress: string | null;
  pickupHours: string | null;
};

export type StoredDelivery = Omit<OrderDeliveryView, "feeKes">;

/** The stored snapshot as shown; without the address (landmark, town) unless `withAddress`. */
export function deliveryView(
  stored: StoredDelivery,
  feeKes: number,
  { withAddress = true } = {},
): OrderDeliveryView {
  const view: OrderDeliveryView = {
    method: stored.method,
    feeKes,
    zoneName: stored.zoneName,
    etaText: stored.etaText,
    county: stored.county,
    town: stored.town,
    landmark: stored.landmark,
    pickupAddress: stored.pickupAddress,
    pickupHours: stored.pickupHours,
  };
  return withAddress ? view : { ...view, town: null, landmark: null };
}

/** The method in a few words, e.g. "Delivery: Nairobi suburbs" or "Pickup at the shop". */
export function deliveryLabel(d: Pick<OrderDeliveryView, "method" | "zoneName">): string {
  return d.method === "PICKUP" ? "Pickup at the shop" : `Delivery: ${d.zoneName ?? "zone"}`;
}

/** Where the order goes, on one line: the delivery address, or the shop's pickup address and hours. */
export function describeDeliveryPlace(d: OrderDeliveryView): string {
  if (d.method === "PICKUP")
    return [d.pickupAddress, d.pickupHours && `open ${d.pickupHours}`].filter(Boolean).join(", ");
  return [d.landmark, d.town, d.county].filter(Boolean).join(", ");
}

/**
 * The whole choice in one sentence, for messages (SMS, email) and receipts, e.g.
 * "Delivery: Nairobi CBD (KES 200) to Kenyatta Ave, CBD, Nairobi; Same day." or
 * "Pickup at the shop: Kimathi Street, Nairobi, open Mon-Sat 8:00-18:00."
 */
export function describeDelivery(d: OrderDeliveryView | null): string {
  if (!d) return "Delivery not recorded.";
  const place = describeDeliveryPlace(d);
  if (d.method === "PICKUP") return `${deliveryLabel(d)}${place ? `: ${place}` : ""}.`;
  return `Delivery: ${describeDeliveryDetail(d)}`;
}

/**
 * The choice for a row already labelled "Delivery" or "Pickup" (a receipt's), without saying so again, e.g.
 * "Nairobi CBD (KES 200) to Kenyatta Ave, CBD, Nairobi; Same day." or "At the shop: Kimathi Street, Nairobi."
 */
export function describeDeliveryDetail(d: OrderDeliveryView): string {
  const place = describeDeliveryPlace(d);
  if (d.method === "PICKUP") return `At the shop${place ? `: ${place}` : ""}.`;
  const fee = d.feeKes === 0 ? "free" : formatKes(d.feeKes);
  const eta = d.etaText ? `; ${d.etaText}` : "";
  return `${d.zoneName ?? "zone"} (${fee})${place ? ` to ${place}` : ""}${eta}.`;
}

/**
 * For messages about a stored order (e.g. the payment confirmation): load the order with
 * `include: { delivery: true }` and pass it as is.
 */
export function describeOrderDelivery(order: {
  deliveryFeeKes: number;
  delivery: Omit<OrderDeliveryView, "feeKes"> | null;
}): string {
  return describeDelivery(order.delivery && deliveryView(order.delivery, order.deliveryFeeKes));
}
