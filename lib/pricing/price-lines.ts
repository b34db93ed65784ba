// One order's price: goods, delivery, a discount code, total. Every caller (cart page, checkout
// transaction, seller-made orders) prices through here, so what was shown is what is charged.
import { formatKes } from "@/lib/format";
import { type CodeRefusal, type DiscountRule } from "./discount";

export type PricingLine = {
  productId: string;
  categoryId: string;
  unitPriceKes: number;
  quantity: number;
};

export type AppliedDiscount = { code: string; kind: DiscountRule["kind"]; amountKes: number };

export type OrderPrice = {
  subtotalKes: number;
  deliveryFeeKes: number;
  discount: AppliedDiscount | null;
  totalKes: number;
};

/** M-Pesa takes nothing under KES 1, and an order is never free by code alone. */
export const MIN_TOTAL_KES = 1;

const eligible = (rule: DiscountRule, line: PricingLine) =>
  (rule.productIds.length === 0 && rule.categoryIds.length === 0) ||
  rule.productIds.includes(line.productId) ||
  rule.categoryIds.includes(line.categoryId);

/** Whole shillings, halves up: 10 % of 1,455 is 146. */
const percentOf = (amount: number, percent: number) => Math.floor((amount * percent + 50) / 100);

function discountAmount(rule: DiscountRule, eligibleKes: number, deliveryFeeKes: number): number {
  if (rule.kind === "PERCENT") return percentOf(eligibleKes, Math.min(rule.value, 100));
  if (rule.kind === "FIXED") return Math.min(rule.value, eligibleKes);
  return deliveryFeeKes;
}

/**
 * Prices the lines with the delivery fee and, when given, a code whose limits were already checked.
 * A code that the cart does not qualify for is refused with the reason, never silently dropped.
 */
export function priceOrder(
  lines: PricingLine[],
  deliveryFeeKes: number,
  rule: DiscountRule | null,
): { ok: true; price: OrderPrice } | { ok: false; refusal: CodeRefusal } {
  const subtotalKes = lines.reduce((sum, l) => sum + l.unitPriceKes * l.quantity, 0);
  const undiscounted = subtotalKes + deliveryFeeKes;
  if (!rule)
    return { ok: true, price: { subtotalKes, deliveryFeeKes, discount: null, totalKes: undiscounted } };
  if (rule.minOrderKes !== null && subtotalKes < rule.minOrderKes) {
    return {
      ok: false,
      refusal: {
        reason: "minimum",
        message: `The code ${rule.code} needs an order of ${formatKes(rule.minOrderKes)}: add ${formatKes(rule.minOrderKes - subtotalKes)} more.`,
      },
    };
  }
  const eligibleKes = lines
    .filter((l) => eligible(rule, l))
    .reduce((s, l) => s + l.unitPriceKes * l.quantity, 0);
  if (eligibleKes === 0) {
    return {
      ok: false,
      refusal: {
        reason: "not_eligible",
        message: `The code ${rule.code} is not valid for the items in your cart.`,
      },
    };
  }
  const amountKes = Math.max(
    0,
    Math.min(discountAmount(rule, eligibleKes, deliveryFeeKes), undiscounted - MIN_TOTAL_KES),
  );
  return {
    ok: true,
    price: {
      subtotalKes,
      deliveryFeeKes,
      discount: { code: rule.code, kind: rule.kind, amountKes },
      totalKes: undiscounted - amountKes,
    },
  };
}
