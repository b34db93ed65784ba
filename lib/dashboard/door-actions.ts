"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { maskPhone, tryNormalizePhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { recordOrderEvent } from "@/lib/payments/core/events";
import { recordCashPayment } from "@/lib/payments/on-delivery/cash";
import { blockNumber, sendDoorPrompt } from "@/lib/payments/on-delivery/door";

const reference = z.string().min(1).max(40);
const PHONE = "Enter a Kenyan mobile number, e.g. 0712 345 678.";

/** Some other number at the door (the customer's spouse, a colleague): typed, else the order's own. */
function typedPhone(formData: FormData): { ok: true; phone?: string } | { ok: false } {
  const raw = String(formData.get("phone") ?? "").trim();
  if (!raw) return { ok: true };
  const phone = tryNormalizePhone(raw);
  return phone ? { ok: true, phone } : { ok: false };
}

/** The seller or rider sends the STK prompt at the door. Owner and staff alike. */
export async function sendDoorPromptAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const ref = reference.safeParse(formData.get("reference"));
    if (!ref.success) return refused("Unknown order.");
    const typed = typedPhone(formData);
    if (!typed.ok) return refused(PHONE, { phone: [PHONE] });
    const result = await sendDoorPrompt(ref.data, typed.phone, user.email);
    if (!result.ok) return refused(result.message);
    revalidatePath(`/dashboard/orders/${ref.data}`);
    const to = typed.phone ? maskPhone(typed.phone) : "the customer's phone";
    return { ok: true, message: `Prompt sent to ${to}: ask them to enter their M-Pesa PIN.` };
  });
}

/** Blocks the order's number from paying on delivery again (a customer who never pays at the door). */
export async function blockNumberAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const ref = reference.safeParse(formData.get("reference"));
    if (!ref.success) return refused("Unknown order.");
    const order = await prisma.order.findUnique({
      where: { reference: ref.data },
      select: { id: true, phone: true },
    });
    if (!order) return refused("Unknown order.");
    await blockNumber(order.phone, user.email, `Order ${ref.data}`);
    await recordOrderEvent(prisma, {
      orderId: order.id,
      kind: "SELLER_ACTION",
      actor: user.email,
      at: new Date(),
      note: `Blocked ${maskPhone(order.phone)} from paying on delivery`,
    });
    revalidatePath(`/dashboard/orders/${ref.data}`);
    return { ok: true, message: "Number blocked: it must pay with M-Pesa at checkout from now on." };
  });
}

/** "Paid in cash": the seller took the money by hand; who and when go into the order's history. */
export async function recordCashAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const ref = reference.safeParse(formData.get("reference"));
    if (!ref.success) return refused("Unknown order.");
    const note =
      String(formData.get("note") ?? "")
        .trim()
        .slice(0, 200) || null;
    const result = await recordCashPayment(ref.data, { by: user.email, note });
    if (!result.ok) return refused(result.message);
    revalidatePath(`/dashboard/orders/${ref.data}`);
    revalidatePath("/dashboard/orders");
    return { ok: true, message: result.message };
  });
}
