"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { maskPhone, tryNormalizePhone } from "@/lib/daraja";
import { cancelAtTheDoor, sendDoorPrompt } from "@/lib/payments/on-delivery/door";

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
    await requireSeller();
    const ref = reference.safeParse(formData.get("reference"));
    if (!ref.success) return refused("Unknown order.");
    const typed = typedPhone(formData);
    if (!typed.ok) return refused(PHONE, { phone: [PHONE] });
    const result = await sendDoorPrompt(ref.data, typed.phone);
    if (!result.ok) return refused(result.message);
    revalidatePath(`/dashboard/orders/${ref.data}`);
    const to = typed.phone ? maskPhone(typed.phone) : "the customer's phone";
    return { ok: true, message: `Prompt sent to ${to}: ask them to enter their M-Pesa PIN.` };
  });
}

/** Calls off an unpaid order (stock back on sale), optionally blocking the number from paying on delivery. */
export async function cancelOrderAction(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const ref = reference.safeParse(formData.get("reference"));
    if (!ref.success) return refused("Unknown order.");
    const block = formData.get("block") === "on";
    const result = await cancelAtTheDoor(ref.data, { block, by: user.email });
    if (!result.ok) return refused(result.message);
    revalidatePath(`/dashboard/orders/${ref.data}`);
    revalidatePath("/dashboard/orders");
    return {
      ok: true,
      message: block
        ? "Order cancelled and the number blocked."
        : "Order cancelled: its stock is back on sale.",
    };
  });
}
