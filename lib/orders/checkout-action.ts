"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { readCartLines, writeCartLines } from "@/lib/cart/cart-cookie";
import { tryNormalizePhone } from "@/lib/daraja";
import { clientIp } from "@/lib/http/client-ip";
import { startCheckout } from "@/lib/payments/checkout";

const checkoutForm = z.object({
  customerName: z.string().trim().min(2, "Enter your full name.").max(80, "Use at most 80 characters."),
  phone: z
    .string()
    .trim()
    .min(1, "Enter the M-Pesa phone number to pay from.")
    .transform((value, ctx) => {
      const msisdn = tryNormalizePhone(value);
      if (!msisdn)
        ctx.addIssue({ code: "custom", message: "Enter a Kenyan mobile number, e.g. 0712 345 678." });
      return msisdn ?? "";
    }),
  email: z.union([z.literal(""), z.email("Enter a valid email, or leave it empty.")]),
  checkoutKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "Reload the page and try again."),
});

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
