import type { DeliveryOffer } from "@/lib/delivery/pricing";
import { formatKes } from "@/lib/format";
import type { AppliedDiscount } from "@/lib/pricing/price-lines";
import { feeLabel } from "./delivery-options";

export type SummaryLine = { id: string; label: string; totalKes: number };

type Props = {
  lines: SummaryLine[];
  goodsKes: number;
  delivery: DeliveryOffer | undefined;
  /** The code the shopper applied (checkout only). */
  discount?: AppliedDiscount | null;
  totalKes: number;
};

/** Items, delivery and the total the M-Pesa prompt will ask for; read out again when the option changes. */
export function OrderSummary({ lines, goodsKes, delivery, discount, totalKes }: Props) {
  return (
    <section
      aria-labelledby="summary-heading"
      className="rounded-xl border border-stone-200 bg-white p-4 text-sm"
    >
      <h2 id="summary-heading" className="mb-2 font-semibold">
        Order summary
      </h2>
      <ul>
        {lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-2 py-1">
            <span>{l.label}</span>
            <span className="whitespace-nowrap">{formatKes(l.totalKes)}</span>
          </li>
        ))}
      </ul>
      <div aria-live="polite">
        <p className="flex justify-between gap-2 border-t pt-2">
          <span>Items</span>
          <span className="whitespace-nowrap" data-testid="checkout-goods">
            <span className="whitespace-nowrap">{formatKes(goodsKes)}</span>
          </span>
        </p>
        <p className="flex justify-between gap-2 py-1">
          <span>
            Delivery{delivery ? ` (${delivery.method === "PICKUP" ? "pickup" : delivery.label})` : ""}
          </span>
          <span className="whitespace-nowrap" data-testid="checkout-delivery-fee">
            {delivery ? feeLabel(delivery.feeKes) : "Choose above"}
          </span>
        </p>
        {discount && (
          <p className="flex justify-between gap-2 py-1 text-brand-700">
            <span>
              Discount ({discount.code}
              {discount.kind === "FREE_DELIVERY" ? ": free delivery" : ""})
            </span>
            <span className="whitespace-nowrap" data-testid="checkout-discount">
              −{formatKes(discount.amountKes)}
            </span>
          </p>
        )}
        <p className="mt-1 flex justify-between gap-2 border-t pt-2 text-base font-semibold">
          <span>Total</span>
          <span className="whitespace-nowrap" data-testid="checkout-total">
            <span className="whitespace-nowrap">{formatKes(totalKes)}</span>
          </span>
        </p>
      </div>
    </section>
  );
}
