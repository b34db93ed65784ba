"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { readCartLines, writeCartLines } from "@/lib/cart/cart-cookie";
import { clientIp } from "@/lib/http/client-ip";
import { startCheckout } from "@/lib/payments/checkout";
import { checkoutForm } from "./checkout-form";

export type CheckoutFormState = {
  message?: string;
  fieldErrors?: Partial<Record<"customerName" | "phone" | "email" | "checkoutKey", string[]>>;
  values?: { customerName: string; phone: string; email: string };
} | null;

export async function checkout(_prev: CheckoutFormState, formData: FormData): Promise<CheckoutFormState> {
  const raw = {
    customerName: String(formData.get("customerName") ?? ""),
    phone: String(formData.get("phone") ?? ""),
    email: String(formData.get("email") ?? ""),
    checkoutKey: String(formData.get("checkoutKey") ?? ""),
  };
  const parsed = checkoutForm.safeParse(raw);
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: raw };
  }
  const result = await startCheckout({
    lines: await readCartLines(),
    customerName: parsed.data.customerName,
    phone: parsed.data.phone,
    email: parsed.data.email || undefined,
    clientIp: clientIp(await headers()),
    checkoutKey: parsed.data.checkoutKey,
  });
  if (!result.ok) return { message: result.message, values: raw };
  await writeCartLines([]);
  redirect(`/orders/${result.publicId}`);
}
