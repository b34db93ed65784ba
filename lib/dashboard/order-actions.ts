"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { type Fulfilment, allowedFrom, fulfilmentMessage } from "@/lib/delivery/fulfilment";

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
    await requireSeller();
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
    const { count } = await prisma.order.updateMany({
      where: { reference, status: "PAID", fulfilment: { in: allowedFrom(fulfilment) } },
      data: stepData(fulfilment, new Date()),
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
