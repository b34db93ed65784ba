import "server-only";
import { prisma } from "@/lib/db";
import { maskPhone } from "@/lib/daraja";
import { formatKes } from "@/lib/format";
import { readRefundMoney } from "../core/refund-money";
import { planRefund } from "../core/refund-plan";
import { payments } from "../shared/context";

export type RefundPreview =
  { ok: true; sentence: string; refundableKes: number } | { ok: false; error: string };

/**
 * What a refund of this amount would do, in one sentence for the seller's confirm step: "KES 1,800 back
 * to 2547******149 by M-Pesa reversal of UKL2QR5JMI". Read only: the refund itself decides again under
 * the order's lock.
 */
export async function previewRefund(orderId: string, amountKes: number): Promise<RefundPreview> {
  const off = payments().refundsOffReason;
  if (off) return { ok: false, error: `Refunds by M-Pesa are off: ${off}.` };
  const [order, money] = await Promise.all([
    prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { phone: true } }),
    prisma.$transaction((tx) => readRefundMoney(tx, orderId)),
  ]);
  const plan = planRefund({ ...money, amountKes, orderPhone: order.phone });
  if (!plan.ok) return plan;
  const to = maskPhone(plan.phone ?? order.phone);
  const how = plan.method === "REVERSAL" ? `M-Pesa reversal of ${plan.receipt}` : "M-Pesa payment (B2C)";
  return {
    ok: true,
    sentence: `${formatKes(amountKes)} back to ${to} by ${how}`,
    refundableKes: money.refundableKes,
  };
}

/** How much of an order can still go back (0 when nothing came in or all of it went back). */
export async function refundableOf(orderId: string): Promise<number> {
  return (await prisma.$transaction((tx) => readRefundMoney(tx, orderId))).refundableKes;
}
