import "server-only";
import { catalogChanged } from "@/lib/catalog/cache";
import type { Db, Tx } from "@/lib/db";
import { payments } from "../shared/context";
import { holdingStock } from "./status-groups";

type Line = { variantId: string; quantity: number };

// Always lock variant rows in the same order, or two carts [A, B] and [B, A] can deadlock (and so can a
// checkout taking A then B while an expiry puts back B then A).
const byVariant = (lines: Line[]) =>
  [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));

/*
 * Every stock write goes through takeLines or putBack, and each tells the storefront's cache (catalogChanged):
 * inside a request it takes effect when the request ends, after this transaction committed.
 */

/**
 * Takes stock for every line or for none: each decrement is conditional (never below zero, only while the
 * product is sold and the variant not archived), and a line that cannot be served puts back what the earlier
 * lines took. Returns the variant that ran out, if any.
 */
export async function takeLines(
  tx: Tx,
  lines: Line[],
): Promise<{ ok: true } | { ok: false; variantId: string }> {
  const taken: Line[] = [];
  for (const line of byVariant(lines)) {
    const count = await tx.$executeRaw`
      UPDATE "ProductVariant" AS v SET "stock" = v."stock" - ${line.quantity}, "updatedAt" = now()
      FROM "Product" AS p
      WHERE v."id" = ${line.variantId} AND p."id" = v."productId" AND p."active" AND NOT v."archived"
        AND v."stock" >= ${line.quantity}`;
    if (count === 0) {
      await putBack(tx, taken);
      return { ok: false, variantId: line.variantId };
    }
    taken.push(line);
  }
  if (taken.length) catalogChanged();
  return { ok: true };
}

async function putBack(tx: Tx, lines: Line[]) {
  for (const line of byVariant(lines)) {
    await tx.productVariant.update({
      where: { id: line.variantId },
      data: { stock: { increment: line.quantity } },
    });
  }
  if (lines.length) catalogChanged();
}

/** The order's catalogue lines: a seller's custom line (no product) holds no stock. */
async function orderLines(tx: Tx, orderId: string): Promise<Line[]> {
  const items = await tx.orderItem.findMany({
    where: { orderId },
    select: { variantId: true, quantity: true },
  });
  return items.flatMap((i) => (i.variantId ? [{ variantId: i.variantId, quantity: i.quantity }] : []));
}

/** Re-takes an order's stock (a payment arrived after its reservation was released). */
export async function takeStock(tx: Tx, orderId: string): Promise<boolean> {
  return (await takeLines(tx, await orderLines(tx, orderId))).ok;
}

export async function releaseStock(tx: Tx, orderId: string) {
  await putBack(tx, await orderLines(tx, orderId));
}

/** The seller puts a refunded order's items back on the shelf: once, however many refunds ask for it. */
export async function returnOrderStock(tx: Tx, orderId: string) {
  const { count } = await tx.order.updateMany({
    where: { id: orderId, stockReserved: true },
    data: { stockReserved: false },
  });
  if (count === 1) await releaseStock(tx, orderId);
}

/**
 * Minutes until stock held by unpaid orders (holdingStock) comes back for this product, or null when none
 * is held: the checkout's refusal and the product page's "back in N minutes" read this one figure.
 */
export async function minutesUntilReleased(db: Db | Tx, variantId: string): Promise<number | null> {
  const at = payments().now();
  const next = await db.order.findFirst({
    where: { ...holdingStock(at), items: { some: { variantId } } },
    orderBy: { reservedUntil: "asc" },
    select: { reservedUntil: true },
  });
  return next ? Math.max(1, Math.ceil((next.reservedUntil.getTime() - at.getTime()) / 60_000)) : null;
}
