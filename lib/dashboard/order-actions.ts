"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, fieldErrorsOf, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { enqueueOrderNotifications } from "@/lib/notifications/enqueue";
import { drainAfterResponse } from "@/lib/notifications/kick";
import {
  type Fulfilment,
  allowedFrom,
  fulfilmentEventTitle,
  fulfilmentMessage,
} from "@/lib/delivery/fulfilment";
import { recordOrderEvent } from "@/lib/payments/core/events";
import { resolveFlag } from "@/lib/payments/core/flags";
import { cancelOrder } from "@/lib/payments/core/state-machine";
import { fulfilmentInput } from "./fulfilment-input";
import { cancelOrderInput, resolveFlagInput } from "./order-note-input";

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
    const user = await requireSeller();
    const values = submittedValues(formData);
    const parsed = fulfilmentInput.safeParse(values);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      if (!errors.riderPhone) return refused("Unknown order or action.", undefined, values);
      return refused("Check the rider's phone.", { riderPhone: errors.riderPhone }, values);
    }
    const { reference, fulfilment, riderPhone } = parsed.data;
    const order = await prisma.order.findUnique({
      where: { reference },
      select: { id: true, delivery: true },
    });
    const method = order?.delivery?.method ?? null;
    if (!order || (fulfilment === "DISPATCHED" && method === null))
      return refused("Only orders for delivery or pickup are dispatched.", undefined, values);
    const now = new Date();
    const moved = await prisma.$transaction(async (tx) => {
      // The conditions sit in the update so a race (a cancel, a second tap) cannot slip by.
      const { count } = await tx.order.updateMany({
        where: { id: order.id, fulfilment: { in: allowedFrom(fulfilment) }, ...payableBy(fulfilment) },
        data: stepData(fulfilment, now, riderPhone),
      });
      if (count === 0) return false;
      await recordOrderEvent(tx, {
        orderId: order.id,
        kind: "SELLER_ACTION",
        actor: user.email,
        at: now,
        note: fulfilment === "UNFULFILLED" ? "Marked unfulfilled" : fulfilmentEventTitle(method, fulfilment),
        data: fulfilment === "DISPATCHED" && riderPhone ? { riderPhone } : null,
      });
      if (fulfilment === "DISPATCHED")
        await enqueueOrderNotifications(tx, { orderId: order.id, event: "dispatched", at: now });
      return true;
    });
    if (!moved)
      return refused(
        "Only paid orders can be fulfilled, one step at a time. Reload the page.",
        undefined,
        values,
      );
    if (fulfilment === "DISPATCHED") drainAfterResponse();
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: fulfilmentMessage(method, fulfilment) };
  });
}

/** "Mark resolved": the seller dealt with one flag of the order (who and when are recorded with the note). */
export async function resolveOrderFlag(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const values = submittedValues(formData);
    const parsed = resolveFlagInput.safeParse({
      reference: formData.get("reference"),
      flagId: formData.get("flagId"),
      note: formData.get("note") ?? undefined,
    });
    if (!parsed.success) return refused("Check the note.", fieldErrorsOf(parsed.error), values);
    const { reference, flagId } = parsed.data;
    const flag = await prisma.orderEvent.findFirst({
      where: { id: flagId, kind: "FLAGGED", order: { reference } },
      select: { id: true },
    });
    if (!flag) return refused("There is no such flag on this order. Reload the page.", undefined, values);
    const result = await resolveFlag(flag.id, { by: user.email, note: parsed.data.note });
    if (!result.ok) return refused(result.reason, undefined, values);
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: "Marked resolved." };
  });
}

/** The seller cancels an unpaid order: its stock goes back on sale, the reason stays in its history. */
export async function cancelUnpaidOrder(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const values = submittedValues(formData);
    const parsed = cancelOrderInput.safeParse({
      reference: formData.get("reference"),
      note: formData.get("note") ?? undefined,
    });
    if (!parsed.success) return refused("Check the reason.", fieldErrorsOf(parsed.error), values);
    const { reference } = parsed.data;
    const order = await prisma.order.findUnique({ where: { reference }, select: { id: true } });
    if (!order) return refused("Unknown order.", undefined, values);
    const result = await cancelOrder(order.id, { by: user.email, note: parsed.data.note });
    if (!result.ok) return refused(result.reason, undefined, values);
    revalidatePath(`/dashboard/orders/${reference}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: "Order cancelled; its stock is back on sale." };
  });
}
