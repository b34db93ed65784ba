// Discount codes as pricing rules: pure, so the checkout page and the checkout transaction agree.

export type DiscountKind = "PERCENT" | "FIXED" | "FREE_DELIVERY";

export type DiscountRule = {
  code: string;
  kind: DiscountKind;
  /** Percent (1-100) for PERCENT, shillings for FIXED, unused for FREE_DELIVERY. */
  value: number;
  minOrderKes: number | null;
  /** Empty lists: every item. Otherwise the code applies to items of these products or categories. */
  productIds: string[];
  categoryIds: string[];
};

/** When and how often a code may be used, with what it has been used so far. */
export type CodeLimits = {
  active: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  maxUses: number | null;
  usesCount: number;
  maxUsesPerPhone: number | null;
  /** This phone's paid and still-open orders with the code. */
  phoneUses: number;
};

export type CodeRefusalReason =
  "unknown" | "expired" | "not_started" | "minimum" | "used_up" | "phone_used" | "not_eligible";

export type CodeRefusal = { reason: CodeRefusalReason; message: string };

export const unknownCode = (code: string): CodeRefusal => ({
  reason: "unknown",
  message: `We do not know the code ${code}. Check the spelling.`,
});

/** "karibu 10 " -> "KARIBU10": shoppers type codes in any case, with spaces. */
export function normalizeCode(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

/** Why a code cannot be used now by this phone, before looking at the cart; null when it can. */
export function limitsRefusal(code: string, limits: CodeLimits, now: Date): CodeRefusal | null {
  const status = codeStatus(limits, now);
  if (status === "Paused") return unknownCode(code);
  if (status === "Not started")
    return { reason: "not_started", message: `The code ${code} is not valid yet.` };
  if (status === "Ended") return { reason: "expired", message: `The code ${code} has expired.` };
  if (status === "Used up") return { reason: "used_up", message: `The code ${code} has been used up.` };
  if (limits.maxUsesPerPhone !== null && limits.phoneUses >= limits.maxUsesPerPhone)
    return { reason: "phone_used", message: `The code ${code} was already used with this phone number.` };
  return null;
}

/**
 * What the seller's list says of a code now: whether a shopper typing it today gets the discount, and if not,
 * why (a per-phone limit is the shopper's, not the code's).
 */
export function codeStatus(
  limits: Omit<CodeLimits, "maxUsesPerPhone" | "phoneUses">,
  now: Date,
): "Active" | "Paused" | "Not started" | "Ended" | "Used up" {
  if (!limits.active) return "Paused";
  if (limits.startsAt && now < limits.startsAt) return "Not started";
  if (limits.endsAt && now >= limits.endsAt) return "Ended";
  if (limits.maxUses !== null && limits.usesCount >= limits.maxUses) return "Used up";
  return "Active";
}
