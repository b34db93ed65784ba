import "server-only";
import type { Tx } from "@/lib/db";
import { orderMoney } from "./money";
import { REFUND_HOLDS_MONEY } from "./transitions";

/** One payment into an order: an STK attempt that succeeded, or a C2B payment counted on it. */
export type MoneyIn = { receipt: string; amountKes: number; phone: string | null; at: Date };

/**
 * For deciding a refund: the M-Pesa payments into an order (receipt, amount, payer), what came in, and what
 * is committed to going back and what is committed to going back (refunds requested, sent, done or in
 * doubt). Read under the order's lock when deciding a refund.
 */
export async function readRefundMoney(tx: Tx, orderId: string) {
  const [attempts, c2b, refunds] = await Promise.all([
    tx.paymentAttempt.findMany({
      where: { orderId, status: "SUCCEEDED" },
      select: { receipt: true, amountKes: true, phone: true, completedAt: true, createdAt: true },
    }),
    tx.c2bPayment.findMany({
      where: { orderId, status: "APPLIED" },
      select: { transId: true, amountKes: true, transTime: true },
    }),
    tx.refund.findMany({
      where: { orderId, status: { in: [...REFUND_HOLDS_MONEY] } },
      select: { amountKes: true, status: true, originalReceipt: true },
    }),
  ]);
  const moneyIn: MoneyIn[] = [
    ...attempts.map((a) => ({
      receipt: a.receipt ?? "",
      amountKes: a.amountKes,
      phone: a.phone,
      at: a.completedAt ?? a.createdAt,
    })),
    ...c2b.map((p) => ({ receipt: p.transId, amountKes: p.amountKes, phone: null, at: p.transTime })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  // Received as the order's money counts it (every source, each receipt once).
  const { receivedKes } = await orderMoney(tx, orderId);
  const committedKes = refunds.reduce((sum, r) => sum + r.amountKes, 0);
  return { moneyIn, receivedKes, committedKes, refundableKes: receivedKes - committedKes };
}
