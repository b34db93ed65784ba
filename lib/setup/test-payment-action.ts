"use server";

import { z } from "zod";
import { type ActionResult, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { tryNormalizePhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { startTestPayment } from "@/lib/payments/stk/test-payment";

export type TestPaymentState = ActionResult<{ publicId?: string }> | null;

const input = z.object({ phone: z.string().trim().max(20).default("") });

/**
 * OWNER only: sends a real KES 1 STK push to the owner's phone, saved as theirs for next time. The
 * result is followed live on the Setup page through the order's status endpoint.
 */
export async function sendTestPayment(
  _prev: TestPaymentState,
  formData: FormData,
): Promise<ActionResult<{ publicId?: string }>> {
  return guarded(async () => {
    const owner = await requireOwner();
    const values = submittedValues(formData);
    const parsed = input.safeParse({ phone: formData.get("phone") ?? "" });
    const raw = parsed.success ? parsed.data.phone : "";
    if (!raw)
      return refused("Add your phone number first.", { phone: ["Enter your M-Pesa phone number"] }, values);
    const phone = tryNormalizePhone(raw);
    if (!phone)
      return refused(
        "Check your phone number.",
        { phone: ["Enter a Safaricom number such as 0712 345 678"] },
        values,
      );
    await prisma.user.update({ where: { id: owner.id }, data: { phone } });
    const started = await startTestPayment({ phone, ownerName: owner.name });
    if (!started.ok) return refused(started.message, { phone: [started.message] }, values);
    return {
      ok: true,
      message: `Prompt sent (${started.reference}): approve it on your phone.`,
      publicId: started.publicId,
      values,
    };
  });
}
