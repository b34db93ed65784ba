"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { readCartLines, writeCartLines } from "./cart-cookie";
import { setLine } from "./cart-lines";
import { fitQuantity } from "./quantity-rule";
import { findCatalogVariant, priceLines, quantityRule } from "./queries";

export type CartActionResult = ActionResult | null;

// The shop's cached pages hold no cart (the header's count is fetched: components/cart/cart-count.tsx), so
// a cart change re-renders only the cart page, never the whole storefront.

const lineInput = z.object({
  variantId: z.string().regex(/^[a-z0-9]{8,40}$/, "Choose a size or colour"),
  // Any whole number as typed: the quantity rule (./quantity-rule.ts) fits it and says why. An emptied box
  // is not 0: the shopper cleared it to type a new number, and Update must not remove the line for them.
  quantity: z
    .string()
    .trim()
    .min(1, "Type how many you want (0 removes it).")
    .regex(/^\d+$/, "Type a whole number, 0 or more.")
    .transform((typed) => Math.min(Number(typed), 1_000_000)),
});

function parseLine(formData: FormData) {
  return lineInput.safeParse({
    variantId: formData.get("variantId"),
    quantity: formData.get("quantity") ?? "1",
  });
}

export async function addToCart(_prev: CartActionResult, formData: FormData): Promise<CartActionResult> {
  const input = parseLine(formData);
  if (!input.success || input.data.quantity < 1) return refused("Choose a quantity of at least 1.");
  const variant = await findCatalogVariant(input.data.variantId);
  if (!variant || !variant.active) return refused("This product is no longer sold.");
  if (variant.stock <= 0) return refused(`${variant.name} is sold out.`);

  const lines = await readCartLines();
  const inCart = lines.find((l) => l.variantId === variant.id)?.quantity ?? 0;
  const { quantity, message } = fitQuantity(quantityRule(), {
    name: variant.name,
    wanted: inCart + input.data.quantity,
    stock: variant.stock,
    otherItems: otherItems(lines, variant.id),
  });
  await writeCartLines(setLine(lines, variant.id, quantity));
  return message ? refused(message) : { ok: true, message: `Added ${variant.name} to your cart.` };
}

const otherItems = (lines: { variantId: string; quantity: number }[], variantId: string) =>
  lines.reduce((n, l) => (l.variantId === variantId ? n : n + l.quantity), 0);

export async function updateCartLine(_prev: CartActionResult, formData: FormData): Promise<CartActionResult> {
  const input = parseLine(formData);
  if (!input.success) return refused(input.error.issues[0]?.message ?? "Invalid quantity.");
  const { variantId } = input.data;
  const current = await readCartLines();
  const variant = await findCatalogVariant(variantId);
  // The rule's caps here; stock is checked with the whole cart below.
  const fitted = fitQuantity(quantityRule(), {
    name: variant?.name ?? "this product",
    wanted: input.data.quantity,
    otherItems: otherItems(current, variantId),
  });
  const priced = await priceLines(setLine(current, variantId, fitted.quantity));
  await writeCartLines(priced.repaired);
  revalidatePath("/cart");
  const notice = priced.notices[0] ?? fitted.message;
  return notice ? refused(notice) : { ok: true, message: "Cart updated." };
}

export async function removeCartLine(formData: FormData): Promise<void> {
  const variantId = String(formData.get("variantId") ?? "");
  await writeCartLines(setLine(await readCartLines(), variantId, 0));
  revalidatePath("/cart");
}
