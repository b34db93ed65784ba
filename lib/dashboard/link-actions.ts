"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, refused } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { type CreatedLink, createPaymentLink } from "@/lib/payment-links/create";
import { type LinkFormValues, parseLinkForm, readLinkForm } from "@/lib/payment-links/input";

/** A made link comes back to share; a refusal comes back with what was typed. */
export type LinkFormState = ActionResult<{ link: CreatedLink; smsQueued: boolean }, LinkFormValues> | null;

const CHECK_FIELDS = "Check the highlighted fields.";

/** The seller (owner or staff) makes a payment link for a customer in a chat. */
export async function makePaymentLink(_prev: LinkFormState, formData: FormData): Promise<LinkFormState> {
  return guarded(async (): Promise<NonNullable<LinkFormState>> => {
    const user = await requireSeller();
    const values = readLinkForm(formData);
    const parsed = parseLinkForm(values);
    if (!parsed.ok) return refused(CHECK_FIELDS, parsed.fieldErrors, values);
    const made = await createPaymentLink(parsed.data, user.email);
    if (!made.ok)
      return made.field === "delivery"
        ? refused(CHECK_FIELDS, { delivery: [made.message] }, values)
        : // About the items as a whole (one no longer sold, a total M-Pesa cannot take): said once, on top.
          refused(made.message, undefined, values);
    if (parsed.data.sendSms) drainAfterResponse();
    revalidatePath("/dashboard/links");
    return { ok: true, message: "Link ready to share.", link: made.link, smsQueued: parsed.data.sendSms };
  });
}
