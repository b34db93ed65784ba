import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { toCatalogVariant, variantRowSelect } from "@/lib/catalog/variants";
import { readCartLines, writeCartLines } from "./cart-cookie";
import type { CartLine } from "./cart-lines";
import { minutesUntilReleased } from "@/lib/payments/core/stock";
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

/**
 * Stores the cart as the shop now sells it (a sold-out or withdrawn line dropped, a quantity cut to the
 * stock) and returns its item count. Pages cannot write cookies while rendering: they show the priced cart
 * and its notices, and this runs where a cookie can be written (the header's count, a refused checkout), so
 * checkout then takes the cart the shopper was shown instead of refusing the dropped line at every try.
 * A line short only because other shoppers' unpaid orders hold the stock stays as it was: the hold may
 * lapse, and checkout says when to look again.
 */
export async function repairStoredCart(): Promise<number> {
  const lines = await readCartLines();
  if (lines.length === 0) return 0;
  const cart = await priceLines(lines);
  if (cart.notices.length === 0) return cart.itemCount;
  const stored: CartLine[] = [];
  for (const line of lines) {
    const now = cart.repaired.find((l) => l.variantId === line.variantId);
    const held =
      now?.quantity !== line.quantity && (await minutesUntilReleased(prisma, line.variantId)) !== null;
    if (held) stored.push(line);
    else if (now) stored.push(now);
  }
  // Only a change is written: setting the cookie in a server action re-renders the page (the checkout form's
  // refusal, e.g. "reserved by other shoppers", would give way to the cart's empty state).
  const same = JSON.stringify(stored) === JSON.stringify(lines);
  if (!same) await writeCartLines(stored);
  return stored.reduce((n, l) => n + l.quantity, 0);
}

export async function findCatalogVariant(id: string) {
  return (await findCatalogVariants([id]))[0] ?? null;
}

/** The shop's quantity rule (./quantity-rule.ts) with this deployment's caps (MAX_QUANTITY_PER_LINE, MAX_ITEMS_PER_ORDER). */
export function quantityRule(): QuantityRule {
  const { maxQuantityPerLine, maxItemsPerOrder } = payments();
  return { perLine: maxQuantityPerLine, perOrder: maxItemsPerOrder };
}
