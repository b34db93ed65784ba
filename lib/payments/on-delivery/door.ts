import "server-only";
import { prisma } from "@/lib/db";
import { cancelUnpaidOrder } from "../core/state-machine";
import { type RetryResult, promptAgain } from "../stk/retry";

/**
 * "Send M-Pesa prompt" at the door: one more attempt on the order, through the same push, callback, STK
 * query and Pay Bill machinery as the shopper's own retry. The order keeps its customer's number even when
 * someone else (a typed number) pays.
 */
export function sendDoorPrompt(reference: string, phone?: string): Promise<RetryResult> {
  return promptAgain({ reference }, { phone, atTheDoor: true });
}

/**
 * The seller calls off an unpaid order (its stock returns), and may block the number from paying on
 * delivery again.
 */
export async function cancelAtTheDoor(
  reference: string,
  { block, by }: { block: boolean; by: string },
): Promise<RetryResult> {
  const order = await prisma.order.findUnique({ where: { reference }, select: { id: true, phone: true } });
  if (!order) return { ok: false, message: "Order not found." };
  const cancelled = await cancelUnpaidOrder(order.id);
  if (!cancelled.ok) return cancelled;
  if (block) await blockNumber(order.phone, by, `Order ${reference} cancelled unpaid`);
  return { ok: true };
}

export async function blockNumber(phone: string, by: string, reason: string) {
  await prisma.blockedPhone.upsert({
    where: { phone },
    create: { phone, blockedBy: by, reason },
    update: {},
  });
}
