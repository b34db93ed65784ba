"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireOwner } from "@/lib/auth/guards";
import { wholeShillings } from "@/lib/form-fields";
import { prisma } from "@/lib/db";
import { previewRefund } from "@/lib/payments/refunds/preview";
import { cancelAndRefund, startRefund } from "@/lib/payments/refunds/send";
import { formatKes } from "@/lib/format";
import { REFUND_REASONS } from "./refund-reasons";

const refundInput = z.object({
  reference: z.string().min(1).max(40),
  // No cap of its own: what is left to refund (checked against the order) is the limit.
  amountKes: wholeShillings(10_000_000, "amount", { min: 1 }),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason." }),
  note: z.string().trim().max(200, "At most 200 characters.").optional(),
  restock: z.boolean(),
  idempotencyKey: z.string().min(8).max(80),
  step: z.enum(["review", "send"]),
});

/** `failed`: M-Pesa refused the send at once; nothing left the shop and the seller may try again. */
export type RefundFormResult = ActionResult<{ step: "confirm" | "sent"; sentence: string; failed?: boolean }>;

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
    // Back with every answer: the confirm step shows and sends exactly these; a refusal keeps them.
    const values = submittedValues(formData, { omit: ["step", "idempotencyKey", "reference"] });
    const parsed = refundInput.safeParse({
      reference: formData.get("reference"),
      amountKes: String(formData.get("amountKes") ?? ""),
      reason: formData.get("reason"),
      note: formData.get("note") ?? undefined,
      restock: formData.get("restock") === "on",
      idempotencyKey: formData.get("idempotencyKey"),
      step: formData.get("step"),
    });
    if (!parsed.success)
      return refused("Check the refund.", z.flattenError(parsed.error).fieldErrors, values);
    const input = parsed.data;
    const order = await prisma.order.findUnique({
      where: { reference: input.reference },
      select: { id: true },
    });
    if (!order) return refused("Unknown order.", undefined, values);
    const preview = await previewRefund(order.id, input.amountKes);
    if (!preview.ok) return refused(preview.error, { amountKes: [preview.error] }, values);
    if (input.step === "review")
      return {
        ok: true,
        step: "confirm",
        sentence: preview.sentence,
        message: `${preview.sentence}.`,
        values,
      };
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
    if (!result.ok) return refused(result.error, { amountKes: [result.error] }, values);
    if (result.refund.status === "FAILED")
      return {
        ok: true,
        step: "sent",
        failed: true,
        sentence: preview.sentence,
        values,
        message: `Refund not sent: ${result.refund.sellerMessage ?? "M-Pesa refused it"}. No money left the shop.`,
      };
    return { ok: true, step: "sent", sentence: preview.sentence, message: "Refund sent to M-Pesa." };
  });
}

const cancelPaidInput = z.object({
  reference: z.string().min(1).max(40),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason." }),
  note: z.string().trim().max(200, "At most 200 characters.").optional(),
  restock: z.boolean(),
  idempotencyKey: z.string().min(8).max(80),
});

/**
 * The owner cancels a paid order and, in the same step, sends everything received back by M-Pesa (or, with
 * refunds by M-Pesa off, is reminded to refund it by hand). Owner only (STAFF: 403).
 */
/** `refundFailed`: cancelled, but M-Pesa refused its refund at once: the answer is a warning, not a success. */
export type CancelPaidFormResult = ActionResult<{ refundFailed?: boolean }>;

export async function cancelPaidOrderAction(
  _prev: CancelPaidFormResult | null,
  formData: FormData,
): Promise<CancelPaidFormResult> {
  return guarded(async () => {
    const user = await requireOwner();
    const values = submittedValues(formData);
    const parsed = cancelPaidInput.safeParse({
      reference: formData.get("reference"),
      reason: formData.get("reason"),
      note: formData.get("note") ?? undefined,
      restock: formData.get("restock") === "on",
      idempotencyKey: formData.get("idempotencyKey"),
    });
    if (!parsed.success)
      return refused("Check the cancellation.", z.flattenError(parsed.error).fieldErrors, values);
    const input = parsed.data;
    const order = await prisma.order.findUnique({
      where: { reference: input.reference },
      select: { id: true },
    });
    if (!order) return refused("Unknown order.", undefined, values);
    const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
    const result = await cancelAndRefund({
      orderId: order.id,
      by: user.email,
      note: reason,
      restock: input.restock,
      reason: `Order cancelled (${reason})`,
      idempotencyKey: input.idempotencyKey,
    });
    revalidatePath(`/dashboard/orders/${input.reference}`);
    revalidatePath("/dashboard/orders");
    if (!result.ok) return refused(result.reason, undefined, values);
    const stock = input.restock ? " Its items are back in stock." : "";
    if (!result.refund)
      return {
        ok: true,
        message:
          result.refundableKes > 0
            ? `Order cancelled.${stock} Refund ${formatKes(result.refundableKes)} outside M-Pesa: the order stays flagged until you mark it resolved.`
            : `Order cancelled.${stock}`,
      };
    const refundFailed = result.refund.status === "FAILED";
    const state = refundFailed
      ? `of ${formatKes(result.refund.amountKes)} not sent: ${result.refund.sellerMessage ?? "M-Pesa refused it"}. Send it again from the Refund box`
      : `of ${formatKes(result.refund.amountKes)} sent to M-Pesa`;
    return { ok: true, refundFailed, message: `Order cancelled.${stock} Refund ${state}.` };
  });
}
