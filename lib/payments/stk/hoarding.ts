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
