import "server-only";
import type { Tx } from "@/lib/db";
import { payOnDeliveryRefusal } from "@/lib/delivery/pay-on-delivery";
import type { PayOnDelivery } from "@/lib/delivery/pricing";
import { payments } from "../shared/context";

/**
 * A pay-on-delivery order holds its stock until the seller cancels it or it is paid at the door: it never
 * expires. Its reservedUntil is set this far ahead only so that code reading the column sees a live hold.
 */
const POD_HOLD_DAYS = 60;

export const podHoldUntil = (now: Date) => new Date(now.getTime() + POD_HOLD_DAYS * 86_400_000);

/** Unpaid pay-on-delivery orders: they hold stock and wait for the door. */
const openOnDelivery = {
  paymentMethod: "ON_DELIVERY" as const,
  status: { in: ["PENDING" as const, "FAILED" as const] },
};

/**
 * Why this order may not be paid on delivery, in the shopper's words; null when it may. Blocked numbers,
 * the option's own rule (on for the zone, up to its maximum), then the caps on unpaid ones per phone and
 * per network (shared mobile NAT: that cap is the looser one).
 */
export async function payOnDeliveryRefusalFor(
  tx: Tx,
  order: { phone: string; clientIp: string | null; option: PayOnDelivery; totalKes: number },
): Promise<string | null> {
  const blocked = await tx.blockedPhone.findUnique({ where: { phone: order.phone } });
  if (blocked) return "Pay on delivery is not available for this number: please pay now with M-Pesa.";
  const rule = payOnDeliveryRefusal(order.option, order.totalKes);
  if (rule) return rule;
  const { podOrdersPerPhone, podOrdersPerIp } = payments();
  if ((await tx.order.count({ where: { phone: order.phone, ...openOnDelivery } })) >= podOrdersPerPhone)
    return "This number already has orders waiting to be paid on delivery: please pay now with M-Pesa.";
  if (
    order.clientIp &&
    (await tx.order.count({ where: { clientIp: order.clientIp, ...openOnDelivery } })) >= podOrdersPerIp
  )
    return "Too many pay-on-delivery orders from your network: please pay now with M-Pesa.";
  return null;
}
