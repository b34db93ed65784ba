import "server-only";
import { prisma } from "@/lib/db";
import { formatKes } from "@/lib/format";
import { orderMoney } from "../core/money";
import { payOrder } from "../core/pay-order";
import { ACTIVE_ATTEMPT } from "../core/status-groups";

/**
 * "Paid in cash" at the door: the balance due is counted as cash by the one road to Paid (payOrder), with
 * who recorded it. Refused while an M-Pesa prompt is open: the customer could pay twice.
 */
export async function recordCashPayment(
  reference: string,
  { by, note }: { by: string; note: string | null },
): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
  const order = await prisma.order.findUnique({ where: { reference }, select: { id: true, status: true } });
  if (!order) return { ok: false, message: "Order not found." };
  if (order.status !== "PENDING" && order.status !== "FAILED")
    return {
      ok: false,
      message: `This order is ${order.status.toLowerCase()}: there is nothing to collect.`,
    };
  const open = await prisma.paymentAttempt.count({
    where: { orderId: order.id, status: { in: [...ACTIVE_ATTEMPT] } },
  });
  if (open > 0)
    return { ok: false, message: "An M-Pesa prompt is still open: wait for its answer before taking cash." };
  const { balanceKes } = await orderMoney(prisma, order.id);
  if (balanceKes <= 0) return { ok: false, message: "Nothing is due on this order." };
  const verdict = await payOrder({
    orderId: order.id,
    source: "CASH",
    amountKes: balanceKes,
    reference: note,
    by,
  });
  if (verdict.outcome !== "applied" && verdict.outcome !== "flagged")
    return { ok: false, message: verdict.detail };
  return { ok: true, message: `${formatKes(balanceKes)} in cash recorded: the order is paid.` };
}
