import "server-only";
import type { C2bPayment } from "@/lib/generated/prisma/client";
import { payOrder } from "../core/pay-order";
import type { Verdict } from "../core/state-machine";

/**
 * A recorded C2B payment handed to the one road: payOrder claims it for the order, counts it, and pays,
 * part-pays or flags the order. What it did is noted on the payment, in the same transaction.
 */
export async function applyToOrder(
  payment: Pick<C2bPayment, "id" | "amountKes" | "transId">,
  orderId: string,
  by: string,
): Promise<Verdict> {
  return payOrder(
    {
      orderId,
      source: "C2B",
      amountKes: payment.amountKes,
      reference: payment.transId,
      by,
      c2bPaymentId: payment.id,
    },
    async (tx, verdict) => {
      if (verdict.outcome !== "duplicate")
        await tx.c2bPayment.update({ where: { id: payment.id }, data: { outcome: verdict.detail } });
    },
  );
}
