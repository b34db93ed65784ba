"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, fieldErrorsOf, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import type { SellerUser } from "@/lib/auth/session";
import { maskPhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { recordOrderEvent } from "@/lib/payments/core/events";
import { recordCashPayment } from "@/lib/payments/on-delivery/cash";
import { blockNumber, sendDoorPrompt } from "@/lib/payments/on-delivery/door";
import { doorPromptInput } from "./door-input";

const reference = z.string().min(1).max(40);

/** A seller's action on the order the form names (owner and staff alike): an unknown one is refused. */
function onOrder(
  formData: FormData,
  act: (user: SellerUser, ref: string) => Promise<ActionResult>,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const ref = reference.safeParse(formData.get("reference"));
    if (!ref.success) return refused("Unknown order.");
    return act(user, ref.data);
  });
}

/** The seller or rider sends the STK prompt at the door. Owner and staff alike. */
export async function sendDoorPromptAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return onOrder(formData, async (user, ref) => {
    const values = submittedValues(formData);
    const parsed = doorPromptInput.safeParse(values);
    if (!parsed.success) return refused("Check the number.", fieldErrorsOf(parsed.error), values);
    const { phone } = parsed.data;
    const result = await sendDoorPrompt(ref, phone ?? undefined, user.email);
    if (!result.ok) return refused(result.message, undefined, values);
    revalidatePath(`/dashboard/orders/${ref}`);
    const to = phone ? maskPhone(phone) : "the customer's phone";
    return { ok: true, message: `Prompt sent to ${to}: ask them to enter their M-Pesa PIN.` };
  });
}

/** Blocks the order's number from paying on delivery again (a customer who never pays at the door). */
export async function blockNumberAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return onOrder(formData, async (user, ref) => {
    const order = await prisma.order.findUnique({
      where: { reference: ref },
      select: { id: true, phone: true },
    });
    if (!order) return refused("Unknown order.");
    await blockNumber(order.phone, user.email, `Order ${ref}`);
    await recordOrderEvent(prisma, {
      orderId: order.id,
      kind: "SELLER_ACTION",
      actor: user.email,
      at: new Date(),
      note: `Blocked ${maskPhone(order.phone)} from paying on delivery`,
    });
    revalidatePath(`/dashboard/orders/${ref}`);
    return { ok: true, message: "Number blocked: it must pay with M-Pesa at checkout from now on." };
  });
}

/** "Paid in cash": the seller took the money by hand; who and when go into the order's history. */
export async function recordCashAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return onOrder(formData, async (user, ref) => {
    const note =
      String(formData.get("note") ?? "")
        .trim()
        .slice(0, 200) || null;
    const result = await recordCashPayment(ref, { by: user.email, note });
    if (!result.ok) return refused(result.message);
    revalidatePath(`/dashboard/orders/${ref}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: result.message };
  });
}
