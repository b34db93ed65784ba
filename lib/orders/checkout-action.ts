"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { readCartLines, writeCartLines } from "@/lib/cart/cart-cookie";
import { deliveryForm, type DeliveryFields } from "@/lib/delivery/checkout-form";
import { findUnservedCounty } from "@/lib/delivery/queries";
import { clientIp } from "@/lib/http/client-ip";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { sweepAfterResponse } from "@/lib/setup/scheduled-work";
import { checkoutForm } from "./checkout-form";

const checkoutWithDelivery = checkoutForm.and(deliveryForm);

export type CheckoutValues = {
  customerName: string;
  phone: string;
  email: string;
  payment: string;
} & DeliveryFields;

/** The form comes back with what was typed; a refusal's `fieldErrors` name the inputs at fault. */
export type CheckoutFormState =
  | (ActionResult & {
      /** The message is about delivery options (the page shows them afresh), not the cart. */
      aboutDelivery?: boolean;
      values?: CheckoutValues;
    })
  | null;

const CHECK_FIELDS = "Please check the highlighted fields.";

function readForm(formData: FormData) {
  const text = (name: string) => String(formData.get(name) ?? "");
  return {
    customerName: text("customerName"),
    phone: text("phone"),
    email: text("email"),
    checkoutKey: text("checkoutKey"),
    delivery: text("delivery"),
    county: text("county"),
    town: text("town"),
    landmark: text("landmark"),
    payment: text("payment"),
  };
}

export async function checkout(_prev: CheckoutFormState, formData: FormData): Promise<CheckoutFormState> {
  const raw = readForm(formData);
  const values: CheckoutValues = {
    customerName: raw.customerName,
    phone: raw.phone,
    email: raw.email,
    delivery: raw.delivery,
    county: raw.county,
    town: raw.town,
    landmark: raw.landmark,
    payment: raw.payment,
  };
  // "Update total" without JavaScript: the page comes back with the chosen option and its total.
  if (formData.get("intent") === "quote") return { ok: true, message: "Total updated.", values };
  const parsed = checkoutWithDelivery.safeParse(raw);
  if (!parsed.success) return { ...refused(CHECK_FIELDS, z.flattenError(parsed.error).fieldErrors), values };
  const unserved = await findUnservedCounty(parsed.data.delivery);
  if (unserved) return { ...refused(CHECK_FIELDS, { county: [unserved] }), values };
  // Due work (stale attempts, expired holds, message retries) rides on shoppers' requests, cron or none.
  sweepAfterResponse();
  const result = await startCheckout({
    lines: await readCartLines(),
    customerName: parsed.data.customerName,
    phone: parsed.data.phone,
    email: parsed.data.email || undefined,
    delivery: parsed.data.delivery,
    clientIp: clientIp(await headers()),
    checkoutKey: parsed.data.checkoutKey,
    paymentMethod: parsed.data.payment === "delivery" ? "ON_DELIVERY" : "MPESA_NOW",
  });
  if (!result.ok) {
    // The page reloads its delivery options, so the shopper reviews the fees as they are now.
    if (result.reason === "delivery") revalidatePath("/checkout");
    return { ...refused(result.message), aboutDelivery: result.reason === "delivery", values };
  }
  await writeCartLines([]);
  // Pay on delivery: the confirmation SMS and the seller's alert are queued; send them now.
  if (parsed.data.payment === "delivery") drainAfterResponse();
  redirect(`/orders/${result.publicId}`);
}
