import "server-only";
import { prisma } from "@/lib/db";
import { readCartLines } from "./cart-cookie";
import type { CartLine } from "./cart-lines";
import { payments } from "@/lib/payments/shared/context";
import { type PricedCart, priceCart } from "./price-cart";
import type { QuantityRule } from "./quantity-rule";

const productFields = {
  id: true,
  slug: true,
  name: true,
  priceKes: true,
  stock: true,
  imageUrl: true,
  active: true,
};

export async function priceLines(lines: CartLine[]): Promise<PricedCart> {
  const products = lines.length
    ? await prisma.product.findMany({
        where: { id: { in: lines.map((l) => l.productId) } },
        select: productFields,
      })
    : [];
  return priceCart(lines, products);
}

/** The shopper's cart, priced and checked against stock now. */
export async function getCart(): Promise<PricedCart> {
  return priceLines(await readCartLines());
}

export function findCatalogProduct(id: string) {
  return prisma.product.findUnique({ where: { id }, select: productFields });
}

/** The shop's quantity rule (./quantity-rule.ts) with this deployment's caps (MAX_QUANTITY_PER_LINE, MAX_ITEMS_PER_ORDER). */
export function quantityRule(): QuantityRule {
  const { maxQuantityPerLine, maxItemsPerOrder } = payments();
  return { perLine: maxQuantityPerLine, perOrder: maxItemsPerOrder };
}
