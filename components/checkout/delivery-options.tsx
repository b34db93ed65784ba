import { coverageText } from "@/lib/delivery/coverage";
import { type DeliveryOffer, offerValue } from "@/lib/delivery/pricing";
import { formatKes } from "@/lib/format";

type Props = {
  offers: DeliveryOffer[];
  initialKey: string | undefined;
  onChoose: (key: string) => void;
  goodsKes: number;
  freeThresholdKes: number | null;
  errors?: string[];
};

export function feeLabel(feeKes: number): string {
  return feeKes === 0 ? "Free" : formatKes(feeKes);
}

/** The owner's delivery options as radio buttons, each with its fee and time (or the shop's address). */
export function DeliveryOptions({ offers, initialKey, onChoose, goodsKes, freeThresholdKes, errors }: Props) {
  const errorId = errors?.length ? "delivery-error" : undefined;
  return (
    <fieldset
      className="space-y-2 rounded-xl border border-stone-200 bg-white p-4"
      aria-describedby={errorId}
      data-testid="delivery-options"
    >
      <legend className="px-1 font-semibold">How do you want your order?</legend>
      {offers.length === 0 && (
        <p className="text-sm text-stone-700">
          This shop takes no orders right now: no delivery options are set.
        </p>
      )}
      {offers.map((offer) => (
        <label
          key={offer.key}
          className="flex min-h-12 cursor-pointer gap-3 rounded-lg border border-stone-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50"
        >
          <input
            type="radio"
            name="delivery"
            value={offerValue(offer)}
            defaultChecked={offer.key === initialKey}
            onChange={() => onChoose(offer.key)}
            className="mt-1 h-5 w-5 shrink-0 accent-brand-600"
          />
          <span className="min-w-0 flex-1 text-sm">
            <span className="flex flex-wrap justify-between gap-x-2 font-medium">
              <span>{offer.label}</span>
              <span data-testid="delivery-fee">{feeLabel(offer.feeKes)}</span>
            </span>
            {offer.method === "PICKUP" ? (
              <span className="block text-stone-600">
                {offer.pickup.address} · Open {offer.pickup.hours}
              </span>
            ) : (
              <span className="block text-stone-600">
                <span className="block" data-testid="zone-counties">
                  {coverageText(offer.counties)}
                </span>
                {offer.etaText}
                {offer.feeKes < offer.zoneFeeKes && (
                  <>
                    {" "}
                    <s className="text-stone-500">{formatKes(offer.zoneFeeKes)}</s>
                  </>
                )}
                {offer.feeKes === 0 && offer.zoneFeeKes > 0 && freeThresholdKes !== null && (
                  <span className="block text-brand-700" data-testid="free-delivery-why">
                    Free: your order is {formatKes(freeThresholdKes)} or more
                  </span>
                )}
              </span>
            )}
          </span>
        </label>
      ))}
      {freeThresholdKes !== null && goodsKes < freeThresholdKes && (
        <p className="text-sm text-stone-600">
          Free delivery on orders of {formatKes(freeThresholdKes)} or more.
        </p>
      )}
      {errors?.length ? (
        <p id="delivery-error" className="text-sm text-red-700">
          {errors[0]}
        </p>
      ) : null}
      <noscript>
        <button
          type="submit"
          name="intent"
          value="quote"
          className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium"
        >
          Update total
        </button>
      </noscript>
    </fieldset>
  );
}
