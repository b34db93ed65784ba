import "server-only";
import type { PaymentAttempt } from "@/lib/generated/prisma/client";
import { payments } from "../shared/context";
import { resultOfPushRefusal } from "../core/outcomes";
import { logPaymentEvent } from "../shared/payment-log";
import { applyAttemptFailure, markAttemptUnknown, recordPushAccepted } from "../core/state-machine";

/**
 * Sends the STK push for a fresh attempt and records what Daraja said. Never resends. If recording fails
 * after Daraja answered, the attempt is left for its callback (found by token) or a query to settle.
 */
export async function sendPrompt(attempt: PaymentAttempt, token: string, orderReference: string) {
  try {
    return await pushAndRecord(attempt, token, orderReference);
  } catch (e) {
    logPaymentEvent({
      event: "push.unrecorded",
      order: orderReference,
      attempt: attempt.id,
      error: e instanceof Error ? e.message.slice(0, 300) : String(e),
    });
    await markAttemptUnknown(attempt.id).catch(() => undefined);
    return "unknown" as const;
  }
}

async function pushAndRecord(attempt: PaymentAttempt, token: string, orderReference: string) {
  const ctx = payments();
  const result = await ctx.daraja.stkPush({
    phone: attempt.phone,
    amountKes: attempt.amountKes,
    callbackUrl: `${ctx.callbackBaseUrl}/api/payments/callback/${token}`,
    accountReference: orderReference.replace(/[^A-Za-z0-9]/g, ""),
    description: "Duka order",
  });
  const base = { order: orderReference, attempt: attempt.id, phone: attempt.phone };
  if (result.outcome === "accepted") {
    await recordPushAccepted(attempt.id, result);
    logPaymentEvent({ ...base, event: "push.accepted", checkoutRequestId: result.checkoutRequestId });
  } else if (result.outcome === "unknown") {
    await markAttemptUnknown(attempt.id);
    logPaymentEvent({
      ...base,
      event: "push.unknown",
      transition: "PENDING->UNKNOWN",
      reason: result.reason,
    });
  } else {
    const { error } = result;
    logPaymentEvent({ ...base, event: "push.rejected", kind: error.kind, errorCode: error.errorCode });
    await applyAttemptFailure(attempt, resultOfPushRefusal(error));
  }
  return result.outcome;
}
