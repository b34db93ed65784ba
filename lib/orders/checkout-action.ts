"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { readCartLines, writeCartLines } from "@/lib/cart/cart-cookie";
import { priceLines, repairStoredCart } from "@/lib/cart/queries";
import { tryNormalizePhone } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { codeVersion, toRule } from "@/lib/discounts/codes";
import { priceOrderLines } from "@/lib/discounts/price-order";
import { type DiscountRule, normalizeCode } from "@/lib/pricing/discount";
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
  discountCode: string;
  payment: string;
} & DeliveryFields;

/** A code the shopper applied: its rule prices the summary, its version is sent back with the order. */
export type AppliedCode = { rule: DiscountRule; version: string };

/** The form comes back with what was typed; a refusal's `fieldErrors` name the inputs at fault. */
export type CheckoutFormState =
  | (ActionResult & {
      /**
       * What a refusal not at a field is about, for what the form offers next: the cart (review it), the
       * delivery options (the page shows them afresh) or the number's M-Pesa prompts (pay another way).
       */
      about?: RefusalTopic;
      values?: CheckoutValues;
      discount?: AppliedCode | null;
    })
  | null;

type RefusalTopic = "cart" | "delivery" | "prompts";

const CART_REASONS = new Set<string>(["cart_changed", "quantity", "amount", "empty"]);

function topicOf(result: { reason: string; promptLimit?: boolean }): RefusalTopic | undefined {
  if (result.promptLimit) return "prompts";
  if (result.reason === "delivery") return "delivery";
  return CART_REASONS.has(result.reason) ? "cart" : undefined;
}

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
    discountCode: text("discountCode").slice(0, 40),
    discountSeen: text("discountSeen"),
    payment: text("payment"),
  };
}

/** "Apply": the code checked against the cart (and the phone, once typed), without holding anything. */
async function applyCode(
  raw: ReturnType<typeof readForm>,
  values: CheckoutValues,
): Promise<CheckoutFormState> {
  if (!raw.discountCode.trim())
    return { ...refused(CHECK_FIELDS, { discountCode: ["Enter a discount code."] }), values, discount: null };
  const cart = await priceLines(await readCartLines());
  const priced = await priceOrderLines(
    cart,
    0,
    { code: raw.discountCode, phone: tryNormalizePhone(raw.phone) ?? undefined },
    { now: new Date() },
  );
  if (!priced.ok)
    return { ...refused(CHECK_FIELDS, { discountCode: [priced.refusal.message] }), values, discount: null };
  const code = priced.code!;
  return {
    ok: true,
    message: `Code ${code.code} applied.`,
    values: { ...values, discountCode: code.code },
    discount: { rule: toRule(code), version: codeVersion(code) },
  };
}

/** The code as it is now, after the checkout found it changed: the summary shows its new total. */
async function currentCode(raw: string): Promise<AppliedCode | null> {
  const row = await prisma.discountCode.findUnique({ where: { code: normalizeCode(raw) } });
  return row?.active ? { rule: toRule(row), version: codeVersion(row) } : null;
}

/** A refused submit keeps the code the shopper applied, while it is still the version they saw. */
async function stillApplied(raw: ReturnType<typeof readForm>): Promise<AppliedCode | null> {
  if (!raw.discountSeen || !raw.discountCode.trim()) return null;
  const current = await currentCode(raw.discountCode);
  return current?.version === raw.discountSeen ? current : null;
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
    discountCode: raw.discountCode,
    payment: raw.payment,
  };
  // "Update total" without JavaScript: the page comes back with the chosen option and its total.
  if (formData.get("intent") === "quote")
    return { ok: true, message: "Total updated.", values, discount: await stillApplied(raw) };
  if (formData.get("intent") === "apply-code") return applyCode(raw, values);
  if (raw.discountSeen && !raw.discountCode.trim())
    return {
      ...refused("You removed the discount code: check the new total, then pay."),
      values,
      discount: null,
    };
  const parsed = checkoutWithDelivery.safeParse(raw);
  if (!parsed.success)
    return {
      ...refused(CHECK_FIELDS, z.flattenError(parsed.error).fieldErrors),
      values,
      discount: await stillApplied(raw),
    };
  const unserved = await findUnservedCounty(parsed.data.delivery);
  if (unserved)
    return { ...refused(CHECK_FIELDS, { county: [unserved] }), values, discount: await stillApplied(raw) };
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
    discountCode: raw.discountCode.trim() || undefined,
    discountSeen: raw.discountSeen || undefined,
    paymentMethod: parsed.data.payment === "delivery" ? "ON_DELIVERY" : "MPESA_NOW",
  });
  if (!result.ok) {
    // The page reloads its delivery options, so the shopper reviews the fees as they are now.
    if (result.reason === "delivery") revalidatePath("/checkout");
    // The cart is stored as it now stands, so the next try (after "Review your cart") is not refused again.
    if (topicOf(result) === "cart") await repairStoredCart();
    if (result.reason === "discount") {
      const discount = result.discountVersion ? await currentCode(raw.discountCode) : null;
      return { ...refused(CHECK_FIELDS, { discountCode: [result.message] }), values, discount };
    }
    return {
      ...refused(result.message),
      about: topicOf(result),
      values,
      discount: await stillApplied(raw),
    };
  }
  await writeCartLines([]);
  // Pay on delivery: the confirmation SMS and the seller's alert are queued; send them now.
  if (parsed.data.payment === "delivery") drainAfterResponse();
  redirect(`/orders/${result.publicId}`);
}
