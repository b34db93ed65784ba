import type { CatalogVariant } from "@/lib/catalog/variants";
import type { CartLine } from "./cart-lines";

export type PricedLine = { variant: CatalogVariant; quantity: number; lineTotalKes: number };

export type PricedCart = {
  lines: PricedLine[];
  subtotalKes: number;
  itemCount: number;
  /** What changed since the shopper last saw the cart (stock dropped, product gone), in plain words. */
  notices: string[];
  /** The cart as it should now be stored. */
  repaired: CartLine[];
};

/** Prices a cart from database variants: the server's prices and stock are the only truth. */
export function priceCart(lines: CartLine[], variants: CatalogVariant[]): PricedCart {
  const byId = new Map(variants.map((v) => [v.id, v]));
  const priced: PricedLine[] = [];
  const notices: string[] = [];
  for (const line of lines) {
    const variant = byId.get(line.variantId);
    if (!variant || !variant.active) {
      notices.push("An item in your cart is no longer sold and was removed.");
      continue;
    }
    if (variant.stock <= 0) {
      notices.push(`${variant.name} is sold out and was removed from your cart.`);
      continue;
    }
    let quantity = line.quantity;
    if (quantity > variant.stock) {
      quantity = variant.stock;
      notices.push(
        `Only ${variant.stock} of ${variant.name} left in stock: your quantity was changed to ${quantity}.`,
      );
    }
    priced.push({ variant, quantity, lineTotalKes: variant.priceKes * quantity });
  }
  return {
    lines: priced,
    subtotalKes: priced.reduce((sum, l) => sum + l.lineTotalKes, 0),
    itemCount: priced.reduce((n, l) => n + l.quantity, 0),
    notices,
    repaired: priced.map((l) => ({ variantId: l.variant.id, quantity: l.quantity })),
  };
}
