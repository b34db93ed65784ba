"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { readCartLines, writeCartLines } from "./cart-cookie";
import { MAX_QUANTITY, setLine } from "./cart-lines";
import { stockMessage } from "./price-cart";
import { findCatalogProduct, priceLines } from "./queries";

export type CartActionResult = ActionResult | null;

// The shop's cached pages hold no cart (the header's count is fetched: components/cart/cart-count.tsx), so
// a cart change re-renders only the cart page, never the whole storefront.

const lineInput = z.object({
  productId: z.string().regex(/^[a-z0-9]{8,40}$/, "Unknown product"),
  quantity: z.coerce.number().int("Enter a whole number").min(0).max(MAX_QUANTITY, `At most ${MAX_QUANTITY}`),
});

function parseLine(formData: FormData) {
  return lineInput.safeParse({
    productId: formData.get("productId"),
    quantity: formData.get("quantity") ?? 1,
  });
}

export async function addToCart(_prev: CartActionResult, formData: FormData): Promise<CartActionResult> {
  const input = parseLine(formData);
  if (!input.success || input.data.quantity < 1) return refused("Choose a quantity of at least 1.");
  const product = await findCatalogProduct(input.data.productId);
  if (!product || !product.active) return refused("This product is no longer sold.");
  if (product.stock <= 0) return refused(`${product.name} is sold out.`);

  const lines = await readCartLines();
  const inCart = lines.find((l) => l.productId === product.id)?.quantity ?? 0;
  const wanted = inCart + input.data.quantity;
  const quantity = Math.min(wanted, product.stock);
  await writeCartLines(setLine(lines, product.id, quantity));
  const message = stockMessage(product, wanted) ?? `Added ${product.name} to your cart.`;
  return quantity === wanted ? { ok: true, message } : refused(message);
}

export async function updateCartLine(_prev: CartActionResult, formData: FormData): Promise<CartActionResult> {
  const input = parseLine(formData);
  if (!input.success) return refused(input.error.issues[0]?.message ?? "Invalid quantity.");
  const lines = setLine(await readCartLines(), input.data.productId, input.data.quantity);
  const priced = await priceLines(lines);
  await writeCartLines(priced.repaired);
  revalidatePath("/cart");
  const [notice] = priced.notices;
  return notice ? refused(notice) : { ok: true, message: "Cart updated." };
}

export async function removeCartLine(formData: FormData): Promise<void> {
  const productId = String(formData.get("productId") ?? "");
  await writeCartLines(setLine(await readCartLines(), productId, 0));
  revalidatePath("/cart");
}
