"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import {
  type Fulfilment,
  allowedFrom,
  fulfilmentEventTitle,
  fulfilmentMessage,
} from "@/lib/delivery/fulfilment";
import { recordOrderEvent } from "@/lib/payments/core/events";
import { resolveFlag } from "@/lib/payments/core/flags";
import { cancelOrder } from "@/lib/payments/core/state-machine";

const input = z.object({
  reference: z.string().min(1).max(40),
  fulfilment: z.enum(["DISPATCHED", "FULFILLED", "UNFULFILLED"]),
});

/** Each step records when it happened; going back to unfulfilled clears both times. */
function stepData(to: Fulfilment, now: Date) {
  if (to === "DISPATCHED") return { fulfilment: to, dispatchedAt: now };
  if (to === "FULFILLED") return { fulfilment: to, fulfilledAt: now };
  return { fulfilment: to, fulfilledAt: null, dispatchedAt: null };
}

/**
 * Moves a paid order along: dispatched (deliveries only), delivered / picked up (fulfilled), or back to
 * unfulfilled. Owner and staff alike.
 */
export async function setFulfilment(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const parsed = input.safeParse({
      reference: formData.get("reference"),
      fulfilment: formData.get("fulfilment"),
    });
    if (!parsed.success) return { ok: false, message: "Unknown order or action." };
    const { reference, fulfilment } = parsed.data;
    const order = await prisma.order.findUnique({ where: { reference }, select: { delivery: true } });
    const method = order?.delivery?.method ?? null;
    if (fulfilment === "DISPATCHED" && method !== "DELIVERY")
      return { ok: false, message: "Only orders for delivery are dispatched." };
    // Only a paid order can be handed over; the conditions sit in the update so a race cannot slip by.
    const count = await prisma.$transaction(async (tx) => {
      const now = new Date();
      const moved = await tx.order.updateManyAndReturn({
        where: { reference, status: "PAID", fulfilment: { in: allowedFrom(fulfilment) } },
        data: stepData(fulfilment, now),
        select: { id: true },
      });
      for (const { id } of moved)
        await recordOrderEvent(tx, {
          orderId: id,
          kind: "SELLER_ACTION",
          actor: user.email,
          at: now,
          note:
            fulfilment === "UNFULFILLED" ? "Marked unfulfilled" : fulfilmentEventTitle(method, fulfilment),
        });
      return moved.length;
    });
    if (count === 0)
      return {
        ok: false,
        message: "Only paid orders can be fulfilled, one step at a time. Reload the page.",
      };
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: fulfilmentMessage(method, fulfilment) };
  });
}

const NOTE_MAX = 500;
const note = z
  .string()
  .trim()
  .max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`)
  .optional()
  .transform((v) => v || null);

const resolveInput = z.object({
  reference: z.string().min(1).max(40),
  flagId: z.string().min(1).max(100),
  note,
});

/** "Mark resolved": the seller dealt with one flag of the order (who and when are recorded with the note). */
export async function resolveOrderFlag(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const parsed = resolveInput.safeParse({
      reference: formData.get("reference"),
      flagId: formData.get("flagId"),
      note: formData.get("note") ?? undefined,
    });
    if (!parsed.success) return refused("Check the note.", z.flattenError(parsed.error).fieldErrors);
    const { reference, flagId } = parsed.data;
    const flag = await prisma.orderEvent.findFirst({
      where: { id: flagId, kind: "FLAGGED", order: { reference } },
      select: { id: true },
    });
    if (!flag) return refused("There is no such flag on this order. Reload the page.");
    const result = await resolveFlag(flag.id, { by: user.email, note: parsed.data.note });
    if (!result.ok) return refused(result.reason);
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: "Marked resolved." };
  });
}

const cancelInput = z.object({ reference: z.string().min(1).max(40), note });

/** The seller cancels an unpaid order: its stock goes back on sale, the reason stays in its history. */
export async function cancelUnpaidOrder(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const parsed = cancelInput.safeParse({
      reference: formData.get("reference"),
      note: formData.get("note") ?? undefined,
    });
    if (!parsed.success) return refused("Check the reason.", z.flattenError(parsed.error).fieldErrors);
    const { reference } = parsed.data;
    const order = await prisma.order.findUnique({ where: { reference }, select: { id: true } });
    if (!order) return refused("Unknown order.");
    const result = await cancelOrder(order.id, { by: user.email, note: parsed.data.note });
    if (!result.ok) return refused(result.reason);
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: "Order cancelled; its stock is back on sale." };
  });
}
