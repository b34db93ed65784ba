"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { type ActionResult, fieldErrorsOf, refused } from "@/lib/action-result";
import { deliveryForm } from "@/lib/delivery/checkout-form";
import { clientIp } from "@/lib/http/client-ip";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { checkoutForm } from "@/lib/orders/checkout-form";
import { checkoutFromLink } from "./checkout";

export type LinkPayValues = Record<
  "customerName" | "phone" | "email" | "county" | "town" | "landmark" | "payment",
  string
>;
export type LinkPayState = ActionResult<object, LinkPayValues> | null;

const form = checkoutForm.and(deliveryForm);

/**
 * The customer confirms the seller's order and pays (or chooses pay on delivery). Only who, where and how
 * to pay come from the form: the items, prices and fee come from the link.
 */
export async function payViaLink(_prev: LinkPayState, formData: FormData): Promise<LinkPayState> {
  const text = (name: string) => String(formData.get(name) ?? "");
  const values: LinkPayValues = {
    customerName: text("customerName"),
    phone: text("phone"),
    email: text("email"),
    county: text("county"),
    town: text("town"),
    landmark: text("landmark"),
    payment: text("payment"),
  };
  const parsed = form.safeParse({ ...values, checkoutKey: text("checkoutKey"), delivery: text("delivery") });
  if (!parsed.success)
    return refused("Please check the highlighted fields.", fieldErrorsOf(parsed.error), values);
  const onDelivery = parsed.data.payment === "delivery";
  const result = await checkoutFromLink(text("token"), {
    customerName: parsed.data.customerName,
    phone: parsed.data.phone,
    email: parsed.data.email || undefined,
    county: parsed.data.delivery.county,
    town: parsed.data.delivery.town,
    landmark: parsed.data.delivery.landmark,
    paymentMethod: onDelivery ? "ON_DELIVERY" : "MPESA_NOW",
    checkoutKey: parsed.data.checkoutKey,
    clientIp: clientIp(await headers()),
  });
  if (!result.ok) return refused(result.message, undefined, values);
  if (onDelivery) drainAfterResponse();
  redirect(`/orders/${result.publicId}`);
}
