"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ActionResult, refused } from "@/lib/action-result";
import { readCartLines, writeCartLines } from "./cart-cookie";
import { setLine } from "./cart-lines";
import { fitQuantity } from "./quantity-rule";
import { findCatalogProduct, priceLines, quantityRule } from "./queries";

export type CartActionResult = ActionResult | null;

// The shop's cached pages hold no cart (the header's count is fetched: components/cart/cart-count.tsx), so
// a cart change re-renders only the cart page, never the whole storefront.

const lineInput = z.object({
  productId: z.string().regex(/^[a-z0-9]{8,40}$/, "Unknown product"),
  // Any whole number: the quantity rule (./quantity-rule.ts) fits it and says why.
  quantity: z.coerce.number().int("Enter a whole number").min(0).max(1_000_000),
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
  const { quantity, message } = fitQuantity(quantityRule(), {
    name: product.name,
    wanted: inCart + input.data.quantity,
    stock: product.stock,
    otherItems: otherItems(lines, product.id),
  });
  await writeCartLines(setLine(lines, product.id, quantity));
  return message ? refused(message) : { ok: true, message: `Added ${product.name} to your cart.` };
}

const otherItems = (lines: { productId: string; quantity: number }[], productId: string) =>
  lines.reduce((n, l) => (l.productId === productId ? n : n + l.quantity), 0);

export async function updateCartLine(_prev: CartActionResult, formData: FormData): Promise<CartActionResult> {
  const input = parseLine(formData);
  if (!input.success) return refused(input.error.issues[0]?.message ?? "Invalid quantity.");
  const { productId } = input.data;
  const current = await readCartLines();
  const product = await findCatalogProduct(productId);
  // The rule's caps here; stock is checked with the whole cart below.
  const fitted = fitQuantity(quantityRule(), {
    name: product?.name ?? "this product",
    wanted: input.data.quantity,
    otherItems: otherItems(current, productId),
  });
  const priced = await priceLines(setLine(current, productId, fitted.quantity));
  await writeCartLines(priced.repaired);
  revalidatePath("/cart");
  const notice = priced.notices[0] ?? fitted.message;
  return notice ? refused(notice) : { ok: true, message: "Cart updated." };
}

export async function removeCartLine(formData: FormData): Promise<void> {
  const productId = String(formData.get("productId") ?? "");
  await writeCartLines(setLine(await readCartLines(), productId, 0));
  revalidatePath("/cart");
}
