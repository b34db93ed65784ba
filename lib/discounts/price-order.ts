import "server-only";
import { prisma, type Tx } from "@/lib/db";
import type { DiscountCode } from "@/lib/generated/prisma/client";
import type { PricedCart } from "@/lib/cart/price-cart";
import type { CodeRefusal } from "@/lib/pricing/discount";
import { type OrderPrice, priceOrder, type PricingLine } from "@/lib/pricing/price-lines";
import { checkCode } from "./codes";

export type CodeInput = {
  /** As typed; empty or absent: no code. */
  code?: string;
  /** The phone the order is for (normalized), for per-phone limits; absent before the shopper typed it. */
  phone?: string;
};

export type PricedOrder =
  { ok: true; price: OrderPrice; code: DiscountCode | null } | { ok: false; refusal: CodeRefusal };

export const pricingLines = (cart: PricedCart): PricingLine[] =>
  cart.lines.map((l) => ({
    productId: l.variant.productId,
    categoryId: l.variant.categoryId,
    unitPriceKes: l.variant.priceKes,
    quantity: l.quantity,
  }));

/**
 * Prices priced cart lines (variants at today's prices) with a delivery fee and a discount code. Every way
 * an order is made calls this: the checkout page (to show it), the checkout transaction (`lock`: to charge
 * it, holding the code's row until commit), and seller-made orders.
 */
export async function priceOrderLines(
  cart: PricedCart,
  deliveryFeeKes: number,
  { code, phone }: CodeInput,
  { db = prisma, now, lock = false }: { db?: Tx; now: Date; lock?: boolean },
): Promise<PricedOrder> {
  const lines = pricingLines(cart);
  if (!code?.trim()) {
    const priced = priceOrder(lines, deliveryFeeKes, null);
    return priced.ok ? { ...priced, code: null } : priced;
  }
  const checked = await checkCode(code, { db, phone, now, lock });
  if (!checked.ok) return checked;
  const priced = priceOrder(lines, deliveryFeeKes, checked.rule);
  return priced.ok ? { ...priced, code: checked.row } : priced;
}
