"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { readCartLines, writeCartLines } from "./cart-cookie";
import { MAX_QUANTITY, setLine } from "./cart-lines";
import { stockMessage } from "./price-cart";
import { findCatalogVariant, priceLines } from "./queries";

export type CartActionResult = ActionResult | null;

const lineInput = z.object({
  variantId: z.string().regex(/^[a-z0-9]{8,40}$/, "Choose a size or colour"),
  quantity: z.coerce.number().int("Enter a whole number").min(0).max(MAX_QUANTITY, `At most ${MAX_QUANTITY}`),
});

function parseLine(formData: FormData) {
  return lineInput.safeParse({
    variantId: formData.get("variantId"),
    quantity: formData.get("quantity") ?? 1,
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
  const wanted = inCart + input.data.quantity;
  const quantity = Math.min(wanted, variant.stock);
  await writeCartLines(setLine(lines, variant.id, quantity));
  revalidatePath("/", "layout");
  const message = stockMessage(variant, wanted) ?? `Added ${variant.name} to your cart.`;
  return quantity === wanted ? { ok: true, message } : refused(message);
}

export async function updateCartLine(_prev: CartActionResult, formData: FormData): Promise<CartActionResult> {
  const input = parseLine(formData);
  if (!input.success) return refused(input.error.issues[0]?.message ?? "Invalid quantity.");
  const lines = setLine(await readCartLines(), input.data.variantId, input.data.quantity);
  const priced = await priceLines(lines);
  await writeCartLines(priced.repaired);
  revalidatePath("/", "layout");
  const [notice] = priced.notices;
  return notice ? refused(notice) : { ok: true, message: "Cart updated." };
}

export async function removeCartLine(formData: FormData): Promise<void> {
  const variantId = String(formData.get("variantId") ?? "");
  await writeCartLines(setLine(await readCartLines(), variantId, 0));
  revalidatePath("/", "layout");
}
