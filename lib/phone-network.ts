/**
 * Which network a Kenyan mobile number was first given to, from its prefix (docs/kenya-mobile-prefixes.md).
 * Only a hint: numbers move between networks and keep their prefix, so nothing is refused on it.
 */
type Network = "Airtel" | "Telkom";

const RANGES: { network: Network; from: number; to: number }[] = [
  { network: "Airtel", from: 730, to: 739 },
  { network: "Airtel", from: 750, to: 756 },
  { network: "Airtel", from: 762, to: 762 },
  { network: "Airtel", from: 780, to: 789 },
  { network: "Airtel", from: 100, to: 102 },
  { network: "Telkom", from: 770, to: 779 },
];

/** The three digits after the 0 (or 254) of a Kenyan mobile number as typed, or null. */
function prefixOf(typed: string): number | null {
  const digits = typed.replace(/[\s()+-]/g, "");
  const local = /^254\d{9}$/.test(digits)
    ? digits.slice(3)
    : /^0\d{9}$/.test(digits)
      ? digits.slice(1)
      : null;
  return local ? Number(local.slice(0, 3)) : null;
}

/** A hint when the number looks like another network's: M-Pesa prompts reach Safaricom lines. */
export function networkHint(typed: string): string | null {
  const prefix = prefixOf(typed);
  if (prefix === null) return null;
  const range = RANGES.find((r) => prefix >= r.from && prefix <= r.to);
  if (!range) return null;
  return `This looks like ${range.network === "Airtel" ? "an Airtel" : "a Telkom"} number. M-Pesa prompts reach Safaricom lines: use your M-Pesa number (if this number moved to Safaricom, it works).`;
}
