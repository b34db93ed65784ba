import "server-only";
import { prisma } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { applyRefundOutcome, noteRefundQueried } from "../core/refunds";
import { payments, secondsAfter } from "../shared/context";
import { sendRefund } from "./send";
import { startStatusCheck } from "./status-checks";

/**
 * Refunds whose result is late: a request that never left is sent (the process died before it could); one
 * that left without a result is looked up with Transaction Status, a few times, then called UNKNOWN.
 */
export async function reconcileRefunds(limit = 100) {
  const ctx = payments();
  const now = ctx.now();
  const unsentBefore = secondsAfter(now, -15);
  const waitBefore = secondsAfter(now, -ctx.refundResultWaitSeconds);
  const queriedBefore = secondsAfter(now, -ctx.refundQueryEverySeconds);
  const [unsent, late] = await Promise.all([
    prisma.refund.findMany({
      where: { status: "REQUESTED", sendStartedAt: null, createdAt: { lt: unsentBefore } },
      take: limit,
    }),
    prisma.refund.findMany({
      where: {
        OR: [
          { status: "REQUESTED", sendStartedAt: { lt: waitBefore } },
          { status: "SENT", sentAt: { lt: waitBefore } },
        ],
        AND: [{ OR: [{ lastQueriedAt: null }, { lastQueriedAt: { lt: queriedBefore } }] }],
      },
      take: limit,
    }),
  ]);
  for (const refund of unsent) await sendRefund(refund.id);
  let queried = 0;
  for (const refund of late) if (await lookUp(refund)) queried++;
  return { refundsSent: unsent.length, refundsQueried: queried };
}

async function lookUp(refund: Refund): Promise<boolean> {
  if (refund.queryCount >= payments().refundMaxQueries) {
    await applyRefundOutcome(refund.id, {
      kind: "unknown",
      detail: "No result from M-Pesa and Transaction Status could not tell: check the M-Pesa statement.",
    });
    return false;
  }
  await noteRefundQueried(refund.id);
  // A reversal is looked up by the payment it reverses (its status turns "Reversed"); a B2C by our own id.
  const lookup =
    refund.method === "REVERSAL"
      ? { transactionId: refund.originalReceipt! }
      : { originatorConversationId: refund.originatorConversationId! };
  await startStatusCheck({
    purpose: "REFUND",
    refundId: refund.id,
    orderId: refund.orderId ?? undefined,
    ...lookup,
  });
  return true;
}
