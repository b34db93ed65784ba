"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { tryNormalizePhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { type Fulfilment, allowedFrom, fulfilmentMessage } from "@/lib/delivery/fulfilment";
import { enqueueOrderNotifications } from "@/lib/notifications/enqueue";
import { drainAfterResponse } from "@/lib/notifications/kick";

const input = z.object({
  reference: z.string().min(1).max(40),
  fulfilment: z.enum(["DISPATCHED", "FULFILLED", "UNFULFILLED"]),
  riderPhone: z.string().trim().max(20),
});

/** Each step records when it happened; going back to unfulfilled clears both times. */
function stepData(to: Fulfilment, now: Date, riderPhone: string | null) {
  if (to === "DISPATCHED") return { fulfilment: to, dispatchedAt: now, riderPhone };
  if (to === "FULFILLED") return { fulfilment: to, fulfilledAt: now };
  return { fulfilment: to, fulfilledAt: null, dispatchedAt: null };
}

/**
 * Which orders may take this step: paid ones, and, to leave the shop or come back, orders still to be paid
 * at the door. Delivered (or picked up) needs the money first.
 */
function payableBy(to: Fulfilment) {
  if (to === "FULFILLED") return { status: "PAID" as const };
  return {
    OR: [
      { status: "PAID" as const },
      { paymentMethod: "ON_DELIVERY" as const, status: { in: ["PENDING" as const, "FAILED" as const] } },
    ],
  };
}

/**
 * Moves an order along: dispatched (a delivery, with the rider's number if typed) or ready for pickup, both
 * texted to the shopper; delivered / picked up (fulfilled); or back to unfulfilled. Owner and staff alike.
 */
export async function setFulfilment(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireSeller();
    const parsed = input.safeParse({
      reference: formData.get("reference"),
      fulfilment: formData.get("fulfilment"),
      riderPhone: formData.get("riderPhone") ?? "",
    });
    if (!parsed.success) return { ok: false, message: "Unknown order or action." };
    const { reference, fulfilment } = parsed.data;
    const riderPhone = parsed.data.riderPhone ? tryNormalizePhone(parsed.data.riderPhone) : null;
    if (parsed.data.riderPhone && !riderPhone) {
      const message = "Enter the rider's Kenyan mobile number, e.g. 0712 345 678, or leave it empty.";
      return refused(message, { riderPhone: [message] });
    }
    const order = await prisma.order.findUnique({
      where: { reference },
      select: { id: true, delivery: true },
    });
    const method = order?.delivery?.method ?? null;
    if (!order || (fulfilment === "DISPATCHED" && method === null))
      return { ok: false, message: "Only orders for delivery or pickup are dispatched." };
    const now = new Date();
    const moved = await prisma.$transaction(async (tx) => {
      // The conditions sit in the update so a race (a cancel, a second tap) cannot slip by.
      const { count } = await tx.order.updateMany({
        where: { id: order.id, fulfilment: { in: allowedFrom(fulfilment) }, ...payableBy(fulfilment) },
        data: stepData(fulfilment, now, riderPhone),
      });
      if (count === 1 && fulfilment === "DISPATCHED")
        await enqueueOrderNotifications(tx, { orderId: order.id, event: "dispatched", at: now });
      return count === 1;
    });
    if (!moved)
      return {
        ok: false,
        message: "Only paid orders can be fulfilled, one step at a time. Reload the page.",
      };
    if (fulfilment === "DISPATCHED") drainAfterResponse();
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: fulfilmentMessage(method, fulfilment) };
  });
}
