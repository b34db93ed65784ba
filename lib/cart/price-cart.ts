import type { CartLine } from "./cart-lines";

export type CatalogProduct = {
  id: string;
  slug: string;
  name: string;
  priceKes: number;
  stock: number;
  imageUrl: string;
  active: boolean;
};

export type PricedLine = { product: CatalogProduct; quantity: number; lineTotalKes: number };

export type PricedCart = {
  lines: PricedLine[];
  subtotalKes: number;
  itemCount: number;
  /** What changed since the shopper last saw the cart (stock dropped, product gone), in plain words. */
  notices: string[];
  /** The cart as it should now be stored. */
  repaired: CartLine[];
};

/** Prices a cart from database products: the server's prices and stock are the only truth. */
export function priceCart(lines: CartLine[], products: CatalogProduct[]): PricedCart {
  const byId = new Map(products.map((p) => [p.id, p]));
  const priced: PricedLine[] = [];
  const notices: string[] = [];
  for (const line of lines) {
    const product = byId.get(line.productId);
    if (!product || !product.active) {
      notices.push("An item in your cart is no longer sold and was removed.");
      continue;
    }
    if (product.stock <= 0) {
      notices.push(`${product.name} is sold out and was removed from your cart.`);
      continue;
    }
    let quantity = line.quantity;
    if (quantity > product.stock) {
      quantity = product.stock;
      notices.push(
        `Only ${product.stock} of ${product.name} left in stock: your quantity was changed to ${quantity}.`,
      );
    }
    priced.push({ product, quantity, lineTotalKes: product.priceKes * quantity });
  }
  return {
    lines: priced,
    subtotalKes: priced.reduce((sum, l) => sum + l.lineTotalKes, 0),
    itemCount: priced.reduce((n, l) => n + l.quantity, 0),
    notices,
    repaired: priced.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
  };
}
