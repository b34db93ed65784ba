"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { previewRefund } from "@/lib/payments/refunds/preview";
import { startRefund } from "@/lib/payments/refunds/send";
import { REFUND_REASONS } from "./refund-reasons";

const refundInput = z.object({
  reference: z.string().min(1).max(40),
  amountKes: z.coerce
    .number({ error: "Enter the amount in shillings." })
    .int("Whole shillings only.")
    .min(1, "At least KES 1."),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason." }),
  note: z.string().trim().max(200, "At most 200 characters.").optional(),
  restock: z.boolean(),
  idempotencyKey: z.string().min(8).max(80),
  step: z.enum(["review", "send"]),
});

export type RefundFormResult = ActionResult<{ step: "confirm" | "sent"; sentence: string }>;

/**
 * The owner's refund, in two steps: "review" says exactly what will happen; "send" asks the payment core.
 * The same form key sends one refund however often it is pressed. Owner only (STAFF: 403).
 */
export async function refundOrder(
  _prev: RefundFormResult | null,
  formData: FormData,
): Promise<RefundFormResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const parsed = refundInput.safeParse({
      reference: formData.get("reference"),
      amountKes: String(formData.get("amountKes") ?? "").replace(/[^\d.-]/g, ""),
      reason: formData.get("reason"),
      note: formData.get("note") ?? undefined,
      restock: formData.get("restock") === "on",
      idempotencyKey: formData.get("idempotencyKey"),
      step: formData.get("step"),
    });
    if (!parsed.success) return refused("Check the refund.", z.flattenError(parsed.error).fieldErrors);
    const input = parsed.data;
    const order = await prisma.order.findUnique({
      where: { reference: input.reference },
      select: { id: true },
    });
    if (!order) return refused("Unknown order.");
    const preview = await previewRefund(order.id, input.amountKes);
    if (!preview.ok) return refused(preview.error, { amountKes: [preview.error] });
    if (input.step === "review")
      return { ok: true, step: "confirm", sentence: preview.sentence, message: `${preview.sentence}.` };
    const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
    const result = await startRefund({
      orderId: order.id,
      amountKes: input.amountKes,
      reason,
      restock: input.restock,
      idempotencyKey: input.idempotencyKey,
      by: user.email,
    });
    revalidatePath(`/dashboard/orders/${input.reference}`);
    if (!result.ok) return refused(result.error, { amountKes: [result.error] });
    const state =
      result.refund.status === "FAILED" ? `failed: ${result.refund.sellerMessage}` : "sent to M-Pesa";
    return { ok: true, step: "sent", sentence: preview.sentence, message: `Refund ${state}.` };
  });
}
