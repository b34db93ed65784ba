// Which counties each delivery option reaches, in words a shopper reads at checkout. Pure: shared by the
// checkout page (said at once as a county is chosen) and the checkout action (said again without JavaScript).
import { type DeliveryOffer, servesCounty } from "./pricing";

const MAX_NAMED = 6;

/** The counties a zone covers, e.g. "Delivers to Nairobi, Kiambu and Kajiado" or "Delivers anywhere in Kenya". */
export function coverageText(counties: string[]): string {
  if (counties.length === 0) return "Delivers anywhere in Kenya";
  const named = counties.slice(0, MAX_NAMED);
  const rest = counties.length - named.length;
  if (rest > 0) return `Delivers to ${named.join(", ")} and ${rest} more counties`;
  if (named.length === 1) return `Delivers to ${named[0]}`;
  return `Delivers to ${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
}

type Coverage =
  | { served: true }
  | {
      served: false;
      message: string;
      /** The options that do reach the county (may be empty). */
      others: string[];
      /** The shop's pickup, when it offers one, to choose instead. */
      pickup: Extract<DeliveryOffer, { method: "PICKUP" }> | null;
    };

/**
 * Whether the chosen option delivers to `county`; when not, what to do instead: the zones that do, or, when
 * none does, the shop's pickup.
 */
export function countyCoverage(offers: DeliveryOffer[], chosenKey: string, county: string): Coverage {
  const zones = offers.filter((o) => o.method === "DELIVERY");
  const chosen = zones.find((z) => z.key === chosenKey);
  if (!county || !chosen || servesCounty(chosen, county)) return { served: true };
  const others = zones.filter((z) => servesCounty(z, county)).map((z) => z.label);
  const pickup = offers.find((o) => o.method === "PICKUP") ?? null;
  let message: string;
  if (others.length > 0)
    message = `${chosen.label} does not deliver to ${county}. ${others.join(" or ")} does: choose it above.`;
  else if (pickup)
    message = `We do not deliver to ${county} yet. Pick up your order at the shop instead: ${pickup.pickup.address}.`;
  else message = `We do not deliver to ${county} yet.`;
  return { served: false, message, others, pickup };
}
