"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { attachPayment, refundPayment } from "@/lib/payments/c2b/unmatched";

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
    if (!parsed.success)
      return {
        ok: false,
        message: "Check the order reference.",
        fieldErrors: parsed.error.flatten().fieldErrors,
      };
    const result = await attachPayment(parsed.data.paymentId, parsed.data.reference, user.email);
    revalidatePath("/dashboard/payments");
    return result.ok ? result : { ...result, fieldErrors: { reference: [result.message] } };
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

/** Registers the shop's Pay Bill confirmation and validation URLs with Daraja. Owner only. */
export async function registerPaybillUrls(): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const outcome = await registerC2bUrls(user.email);
    revalidatePath("/dashboard/payments");
    return outcome;
  });
}
