import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { toCatalogVariant, variantRowSelect } from "@/lib/catalog/variants";
import { readCartLines } from "./cart-cookie";
import type { CartLine } from "./cart-lines";
import { payments } from "@/lib/payments/shared/context";
import { type PricedCart, priceCart } from "./price-cart";
import type { QuantityRule } from "./quantity-rule";

/** Read inside a transaction (`db`) when the price read must be the one charged. */
export async function findCatalogVariants(ids: string[], db: Tx = prisma) {
  if (ids.length === 0) return [];
  const rows = await db.productVariant.findMany({ where: { id: { in: ids } }, select: variantRowSelect });
  return rows.map(toCatalogVariant);
}

export async function priceLines(lines: CartLine[]): Promise<PricedCart> {
  return priceCart(lines, await findCatalogVariants(lines.map((l) => l.variantId)));
}

/** The shopper's cart, priced and checked against stock now. */
export async function getCart(): Promise<PricedCart> {
  return priceLines(await readCartLines());
}

export async function findCatalogVariant(id: string) {
  return (await findCatalogVariants([id]))[0] ?? null;
}

/** The shop's quantity rule (./quantity-rule.ts) with this deployment's caps (MAX_QUANTITY_PER_LINE, MAX_ITEMS_PER_ORDER). */
export function quantityRule(): QuantityRule {
  const { maxQuantityPerLine, maxItemsPerOrder } = payments();
  return { perLine: maxQuantityPerLine, perOrder: maxItemsPerOrder };
}
