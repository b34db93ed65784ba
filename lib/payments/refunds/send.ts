import "server-only";
import type { Refund } from "@/lib/generated/prisma/client";
import {
  applyRefundSubmit,
  claimRefundSend,
  requestRefund,
  type RefundRequest,
  type RefundRequestResult,
} from "../core/refunds";
import { type CancelPaidResult, cancelPaidOrder } from "../core/cancel-paid";
import { payments } from "../shared/context";
import { logPaymentEvent } from "../shared/payment-log";
import { resultUrls } from "./urls";

/**
 * The seller asks for money back: the core decides and records it under the order's lock, then the one
 * process that claims it sends it to Daraja. A repeat of the same request finds the same refund.
 */
export async function startRefund(input: RefundRequest): Promise<RefundRequestResult> {
  const off = payments().refundsOffReason;
  if (off) return { ok: false, error: `Refunds by M-Pesa are off: ${off}.` };
  const requested = await requestRefund(input);
  if (!requested.ok || !requested.created) return requested;
  // As it stands after the send: M-Pesa refusing it at once is a failure the seller must read, not "sent".
  return { ...requested, refund: (await sendRefund(requested.refund.id)) ?? requested.refund };
}

/**
 * Sends a requested refund once and gives it back as M-Pesa's answer left it; does nothing (null) when
 * another process claimed it first.
 */
export async function sendRefund(refundId: string): Promise<Refund | null> {
  const claim = await claimRefundSend(refundId);
  if (!claim) return null;
  const { token, refund } = claim;
  const urls = resultUrls(token);
  const remarks = `Refund ${refund.reason}`.slice(0, 100);
  const daraja = payments().daraja;
  const submit =
    refund.method === "REVERSAL"
      ? await daraja.reversal({
          ...urls,
          transactionId: refund.originalReceipt!,
          amountKes: refund.amountKes,
          remarks,
        })
      : await daraja.b2cPayment({
          ...urls,
          originatorConversationId: refund.originatorConversationId!,
          phone: refund.phone,
          amountKes: refund.amountKes,
          remarks,
        });
  logPaymentEvent({ event: "refund.submit", refund: refundId, outcome: submit.outcome });
  return applyRefundSubmit(refundId, submit);
}

/**
 * The seller cancels a paid order and, in the same step, asks for everything received back by M-Pesa
 * (flagged for a refund by hand when refunds by M-Pesa are off); the refund leaves once committed.
 */
export async function cancelAndRefund(input: {
  orderId: string;
  by: string;
  note?: string | null;
  restock: boolean;
  reason: string;
  idempotencyKey: string;
}): Promise<CancelPaidResult> {
  const { reason, idempotencyKey, ...cancel } = input;
  const off = payments().refundsOffReason;
  const result = await cancelPaidOrder({ ...cancel, refund: off ? null : { reason, idempotencyKey } });
  if (!result.ok || !result.created || !result.refund) return result;
  return { ...result, refund: (await sendRefund(result.refund.id)) ?? result.refund };
}
