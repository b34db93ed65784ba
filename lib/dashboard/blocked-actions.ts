"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, fieldErrorsOf, refused, submittedValues } from "@/lib/action-result";
import { guarded, requireSeller } from "@/lib/auth/guards";
import { tryNormalizePhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { formatPhoneLocal } from "@/lib/format";
import { blockNumber } from "@/lib/payments/on-delivery/door";
import { blockNumberInput } from "./blocked-input";

const PAGE = "/dashboard/blocked";

/** Blocks a typed number from paying on delivery. Owner and staff alike, as on an order's page. */
export async function blockTypedNumber(
  _prev: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return guarded(async () => {
    const user = await requireSeller();
    const values = submittedValues(formData);
    const parsed = blockNumberInput.safeParse(values);
    if (!parsed.success) return refused("Check the highlighted fields.", fieldErrorsOf(parsed.error), values);
    const phone = tryNormalizePhone(parsed.data.phone);
    if (!phone)
      return refused(
        "Check the highlighted fields.",
        { phone: ["Enter a Kenyan mobile number, e.g. 0712 345 678"] },
        values,
      );
    await blockNumber(phone, user.email, parsed.data.reason || "Blocked by hand");
    revalidatePath(PAGE);
    return { ok: true, message: `Blocked ${formatPhoneLocal(phone)}: it must pay with M-Pesa at checkout.` };
  });
}

/** Lifts a block: the number may choose pay on delivery again. Owner and staff alike. */
export async function unblockNumber(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return guarded(async () => {
    await requireSeller();
    const phone = z
      .string()
      .regex(/^254\d{9}$/)
      .safeParse(formData.get("phone"));
    if (!phone.success) return refused("Unknown number.");
    const { count } = await prisma.blockedPhone.deleteMany({ where: { phone: phone.data } });
    revalidatePath(PAGE);
    if (count === 0) return refused("This number was not blocked (someone unblocked it already).");
    return { ok: true, message: `Unblocked ${formatPhoneLocal(phone.data)}.` };
  });
}
