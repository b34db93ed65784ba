"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, fieldErrorsOf, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { attachPayment, refundPayment } from "@/lib/payments/c2b/unmatched";
import { startRefund } from "@/lib/payments/refunds/send";

const attachInput = z.object({
  paymentId: z.string().min(1).max(40),
  reference: z.string().trim().min(1, "Type the order reference, e.g. DK-7Q4M2X").max(40),
});

/** Attaches an unmatched Pay Bill / Buy Goods payment to an order. Owner only; who and when are kept. */
export async function attachUnmatchedPayment(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const parsed = attachInput.safeParse({
      paymentId: formData.get("paymentId"),
      reference: formData.get("reference"),
    });
    const values = submittedValues(formData);
    if (!parsed.success) return refused("Check the order reference.", fieldErrorsOf(parsed.error), values);
    const result = await attachPayment(parsed.data.paymentId, parsed.data.reference, user.email);
    revalidatePath("/dashboard/payments");
    // Attaching paid (or flagged) the order: its messages go now, not at the next cron.
    if (result.ok) drainAfterResponse();
    return result.ok ? result : refused(result.message, { reference: [result.message] }, values);
  });
}

export async function markPaymentRefunded(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const paymentId = z.string().min(1).max(40).safeParse(formData.get("paymentId"));
    if (!paymentId.success) return { ok: false, message: "Unknown payment." };
    const result = await refundPayment(paymentId.data, user.email);
    revalidatePath("/dashboard/payments");
    return result;
  });
}

/**
 * "Send it back": reverses an unmatched payment to whoever paid it, through the payment core. Pressing twice
 * sends once: the core refuses a second refund while one for the payment is active. Owner only.
 */
export async function sendPaymentBack(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const paymentId = z.string().min(1).max(40).safeParse(formData.get("paymentId"));
    if (!paymentId.success) return { ok: false, message: "Unknown payment." };
    const result = await startRefund({
      c2bPaymentId: paymentId.data,
      amountKes: 0,
      reason: "Unmatched payment sent back",
      restock: false,
      idempotencyKey: `send-back:${randomUUID()}`,
      by: user.email,
    });
    revalidatePath("/dashboard/payments");
    if (!result.ok) return { ok: false, message: result.error };
    return result.refund.status === "FAILED"
      ? { ok: false, message: `Not sent back: ${result.refund.sellerMessage ?? "M-Pesa refused it"}` }
      : { ok: true, message: "Sent back by M-Pesa reversal; the list updates when M-Pesa confirms." };
  });
}

/** Registers the shop's Pay Bill confirmation and validation URLs with Daraja. Owner only. */
export async function registerPaybillUrls(): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const outcome = await registerC2bUrls(user.email);
    revalidatePath("/dashboard/payments");
    return outcome;
  });
}
