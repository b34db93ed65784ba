import "server-only";
import { prisma } from "@/lib/db";
import { payments } from "@/lib/payments/shared/context";
import { refundableOf } from "@/lib/payments/refunds/preview";

/** An order's refunds, newest first. */
export function orderRefunds(orderId: string) {
  return prisma.refund.findMany({ where: { orderId }, orderBy: { createdAt: "desc" } });
}

/** How much can still go back, and why refunds are off when they are (no initiator configured). */
export async function refundAvailability(orderId: string) {
  return { refundableKes: await refundableOf(orderId), offReason: payments().refundsOffReason };
}
