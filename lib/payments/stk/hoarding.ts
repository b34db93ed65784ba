import "server-only";
import type { Tx } from "@/lib/db";
import { holdingStock } from "../core/status-groups";
import { payments } from "../shared/context";

type Line = { variantId: string; quantity: number; name: string };

/** Why this cart is more than one shopper should hold for 15 minutes; null when it is within the caps. */
export function quantityRefusal(lines: Line[]): string | null {
  const { maxQuantityPerLine, maxItemsPerOrder } = payments();
  const big = lines.find((l) => l.quantity > maxQuantityPerLine);
  if (big) return `You can buy at most ${maxQuantityPerLine} of ${big.name} in one order.`;
  const items = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (items > maxItemsPerOrder) return `One order can hold at most ${maxItemsPerOrder} items.`;
  return null;
}

/**
 * Unpaid orders already holding stock for this phone or this network. The per-phone cap is the strict
 * one; many shoppers share one address behind mobile NAT, so the per-network cap is sized for a crowd.
 */
export async function openOrdersRefusal(
  tx: Tx,
  phone: string,
  clientIp: string | null,
): Promise<string | null> {
  const { openOrdersPerPhone, openOrdersPerIp, now } = payments();
  const at = now();
  const byPhone = await tx.order.count({ where: { phone, ...holdingStock(at) } });
  if (byPhone >= openOrdersPerPhone)
    return "This number already has unpaid orders holding stock. Pay one of them, or wait for them to expire.";
  if (clientIp) {
    const byIp = await tx.order.count({ where: { clientIp, ...holdingStock(at) } });
    if (byIp >= openOrdersPerIp)
      return "Too many unpaid orders from your network are holding stock. Please try again in a few minutes.";
  }
  return null;
}

/**
 * One client address prompting many different numbers is someone sending M-Pesa prompts to strangers (or
 * holding stock in their names): a shopper pays from one or two. Numbers it already prompted stay allowed.
 */
export async function numbersRefusal(tx: Tx, clientIp: string, phone: string): Promise<string | null> {
  const { phonesPerIp, limitWindowMinutes, now } = payments();
  const since = new Date(now().getTime() - limitWindowMinutes * 60_000);
  const [row] = await tx.$queryRaw<{ numbers: number; known: boolean }[]>`
    SELECT count(DISTINCT a.phone)::int AS numbers, coalesce(bool_or(a.phone = ${phone}), false) AS known
    FROM "Order" o JOIN "PaymentAttempt" a ON a."orderId" = o.id
    WHERE o."clientIp" = ${clientIp} AND o."createdAt" > ${since} AND a."createdAt" > ${since}`;
  if (!row || row.known || row.numbers < phonesPerIp) return null;
  return `Too many different M-Pesa numbers from your network. Pay from a number you already used, or wait ${limitWindowMinutes} minutes.`;
}

/** Units this client address's unpaid orders already hold, plus this cart: capped, so one address cannot empty a shelf. */
export async function unitsRefusal(tx: Tx, clientIp: string, units: number): Promise<string | null> {
  const { reservedUnitsPerIp, now } = payments();
  const held = await tx.orderItem.aggregate({
    where: { order: { clientIp, ...holdingStock(now()) } },
    _sum: { quantity: true },
  });
  if ((held._sum.quantity ?? 0) + units <= reservedUnitsPerIp) return null;
  return `Unpaid orders from your network already hold many items. Pay for them, or wait for them to expire (at most ${reservedUnitsPerIp} items at a time).`;
}
