import "server-only";
import { prisma } from "@/lib/db";
import { readCartLines } from "./cart-cookie";
import type { CartLine } from "./cart-lines";
import { type PricedCart, priceCart } from "./price-cart";

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
