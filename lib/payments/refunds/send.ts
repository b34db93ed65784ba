import "server-only";
import {
  applyRefundSubmit,
  claimRefundSend,
  requestRefund,
  type RefundRequest,
  type RefundRequestResult,
} from "../core/refunds";
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
  if (requested.ok && requested.created) await sendRefund(requested.refund.id);
  return requested;
}

/** Sends a requested refund once; does nothing when another process claimed it first. */
export async function sendRefund(refundId: string): Promise<void> {
  const claim = await claimRefundSend(refundId);
  if (!claim) return;
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
  await applyRefundSubmit(refundId, submit);
}
