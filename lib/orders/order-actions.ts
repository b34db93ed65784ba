"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type ActionResult, refused, submittedValues } from "@/lib/action-result";
import { prisma } from "@/lib/db";
import { readCartLines, writeCartLines } from "@/lib/cart/cart-cookie";
import { addLine } from "@/lib/cart/cart-lines";
import { tryNormalizePhone } from "@/lib/daraja";
import { clientIp } from "@/lib/http/client-ip";
import { TYPED_CODE_WORDS, submitTypedCode } from "@/lib/payments/refunds/typed-codes";
import { retryPayment } from "@/lib/payments/stk/retry";

/** A refused phone number comes back as `fieldErrors.phone`. */
export type RetryState = ActionResult | null;

/** "Try again" (same number) or "Use a different number" (with a phone field). */
export async function retryOrderPayment(_prev: RetryState, formData: FormData): Promise<RetryState> {
  const publicId = String(formData.get("publicId") ?? "");
  const rawPhone = formData.get("phone");
  const values = submittedValues(formData);
  let phone: string | undefined;
  if (rawPhone !== null) {
    phone = tryNormalizePhone(String(rawPhone)) ?? undefined;
    if (!phone) {
      const message = "Enter a Kenyan mobile number, e.g. 0712 345 678.";
      return refused(message, { phone: [message] }, values);
    }
  }
  const result = await retryPayment(publicId, phone, clientIp(await headers()));
  if (!result.ok) return refused(result.message, undefined, values);
  revalidatePath(`/orders/${publicId}`);
  return { ok: true, message: "Payment prompt sent." };
}

/** An expired order's items go back into the cart, to be checked out again at today's stock. */
export async function rebuildCart(formData: FormData): Promise<void> {
  const publicId = String(formData.get("publicId") ?? "");
  const order = await prisma.order.findUnique({ where: { publicId }, include: { items: true } });
  if (order) {
    let lines = await readCartLines();
    for (const item of order.items) if (item.variantId) lines = addLine(lines, item.variantId, item.quantity);
    await writeCartLines(lines);
  }
  redirect("/cart");
}

/** "Already paid? Enter your M-Pesa code": the code's words (paid, checking, or why not) next to the form. */
export async function checkMpesaCode(_prev: RetryState, formData: FormData): Promise<RetryState> {
  const publicId = String(formData.get("publicId") ?? "");
  const values = submittedValues(formData);
  const answer = await submitTypedCode({
    publicId,
    typed: String(formData.get("code") ?? ""),
    clientIp: clientIp(await headers()),
  });
  if (!answer.ok) {
    // About the shop or the order (busy, limited, closed): said once; about the code: next to it.
    const notTheCode: string[] = [
      TYPED_CODE_WORDS.tooMany,
      TYPED_CODE_WORDS.unavailable,
      TYPED_CODE_WORDS.closed,
    ];
    return notTheCode.includes(answer.message)
      ? refused(answer.message, undefined, values)
      : refused("Check the M-Pesa code.", { code: [answer.message] }, values);
  }
  revalidatePath(`/orders/${publicId}`);
  return { ok: true, message: answer.message, values };
}
