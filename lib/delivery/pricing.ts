// Delivery pricing rules: pure functions over the owner's settings, shared by the checkout page (to show
// fees) and the checkout transaction (to charge them), so the two can never disagree.

export type PickupPoint = { address: string; hours: string; payOnCollection: boolean };

/** Pay on delivery for an option: off, or on up to a total (null: any). */
export type PayOnDelivery = { maxKes: number | null } | null;

export type Zone = {
  id: string;
  name: string;
  feeKes: number;
  etaText: string;
  /** Empty: every county. */
  counties: string[];
  payOnDelivery: PayOnDelivery;
};

export type DeliveryConfig = {
  /** Null when the shop offers no pickup. */
  pickup: PickupPoint | null;
  /** Active zones only, in display order. */
  zones: Zone[];
  freeThresholdKes: number | null;
  /** Shown beside "Pay on delivery" at checkout. */
  payOnDeliveryNote: string;
};

export const PICKUP_KEY = "pickup";

export type DeliveryOffer =
  | {
      key: typeof PICKUP_KEY;
      method: "PICKUP";
      label: string;
      feeKes: 0;
      pickup: PickupPoint;
      payOnDelivery: PayOnDelivery;
    }
  | {
      key: string;
      method: "DELIVERY";
      label: string;
      feeKes: number;
      /** The zone's fee before the free-delivery threshold. */
      zoneFeeKes: number;
      etaText: string;
      counties: string[];
      payOnDelivery: PayOnDelivery;
    };

/** What the shopper picked, with the fee they saw for it when the page loaded. */
export type DeliveryChoice = {
  key: string;
  seenFeeKes: number;
  county?: string;
  town?: string;
  landmark?: string;
};

/** The delivery part of an order as placed: later settings changes leave it alone. */
export type DeliverySnapshot = {
  method: "PICKUP" | "DELIVERY";
  feeKes: number;
  zoneId: string | null;
  zoneName: string | null;
  etaText: string | null;
  county: string | null;
  town: string | null;
  landmark: string | null;
  pickupAddress: string | null;
  pickupHours: string | null;
};

export type DeliveryQuote =
  | { ok: true; snapshot: DeliverySnapshot; payOnDelivery: PayOnDelivery }
  | { ok: false; reason: "options_changed" | "county_not_served" | "address_missing"; message: string };

export const OPTIONS_CHANGED = "Delivery options changed, please review.";

/** True when the goods alone reach the owner's free-delivery threshold. */
export function qualifiesForFreeDelivery(config: DeliveryConfig, goodsKes: number): boolean {
  return config.freeThresholdKes !== null && goodsKes >= config.freeThresholdKes;
}

export function zoneFee(config: DeliveryConfig, zone: Zone, goodsKes: number): number {
  return qualifiesForFreeDelivery(config, goodsKes) ? 0 : zone.feeKes;
}

/** Every option the shopper can choose for a cart worth `goodsKes`, pickup first. */
export function deliveryOffers(config: DeliveryConfig, goodsKes: number): DeliveryOffer[] {
  const offers: DeliveryOffer[] = [];
  if (config.pickup)
    offers.push({
      key: PICKUP_KEY,
      method: "PICKUP",
      label: "Pick up at the shop",
      feeKes: 0,
      pickup: config.pickup,
      payOnDelivery: config.pickup.payOnCollection ? { maxKes: null } : null,
    });
  for (const zone of config.zones)
    offers.push({
      key: zone.id,
      method: "DELIVERY",
      label: zone.name,
      feeKes: zoneFee(config, zone, goodsKes),
      zoneFeeKes: zone.feeKes,
      etaText: zone.etaText,
      counties: zone.counties,
      payOnDelivery: zone.payOnDelivery,
    });
  return offers;
}

export function servesCounty(zone: Pick<Zone, "counties">, county: string): boolean {
  return zone.counties.length === 0 || zone.counties.includes(county);
}

/**
 * Prices the shopper's choice against the settings as they are now. An option that is gone, or whose fee
 * differs from the one the shopper saw, is refused: nobody is charged a fee they were not shown.
 */
export function quoteDelivery(
  config: DeliveryConfig,
  goodsKes: number,
  choice: DeliveryChoice,
): DeliveryQuote {
  const offer = deliveryOffers(config, goodsKes).find((o) => o.key === choice.key);
  if (!offer || offer.feeKes !== choice.seenFeeKes)
    return { ok: false, reason: "options_changed", message: OPTIONS_CHANGED };
  if (offer.method === "PICKUP")
    return { ok: true, snapshot: pickupSnapshot(offer.pickup), payOnDelivery: offer.payOnDelivery };
  const { county, town, landmark } = choice;
  if (!county || !town || !landmark)
    return { ok: false, reason: "address_missing", message: "Tell us where to deliver the order." };
  if (!servesCounty(offer, county))
    return {
      ok: false,
      reason: "county_not_served",
      message: `${offer.label} does not deliver to ${county}: choose another option.`,
    };
  return {
    ok: true,
    payOnDelivery: offer.payOnDelivery,
    snapshot: {
      method: "DELIVERY",
      feeKes: offer.feeKes,
      zoneId: offer.key,
      zoneName: offer.label,
      etaText: offer.etaText,
      county,
      town,
      landmark,
      pickupAddress: null,
      pickupHours: null,
    },
  };
}

function pickupSnapshot(pickup: PickupPoint): DeliverySnapshot {
  return {
    method: "PICKUP",
    feeKes: 0,
    zoneId: null,
    zoneName: null,
    etaText: null,
    county: null,
    town: null,
    landmark: null,
    pickupAddress: pickup.address,
    pickupHours: pickup.hours,
  };
}

/** The value of a delivery radio button: the option and the fee shown beside it. */
export function offerValue(offer: Pick<DeliveryOffer, "key" | "feeKes">): string {
  return `${offer.key}@${offer.feeKes}`;
}

export function parseOfferValue(value: string): { key: string; seenFeeKes: number } | null {
  const match = /^([A-Za-z0-9_-]{1,40})@(\d{1,6})$/.exec(value);
  return match ? { key: match[1]!, seenFeeKes: Number(match[2]) } : null;
}
