"use client";

import { useActionState, useState } from "react";
import { type CartActionResult, addToCart } from "@/lib/cart/actions";
import { type QuantityRule, maxChoosable, quantityHint } from "@/lib/cart/quantity-rule";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionMessage } from "@/components/ui/action-message";

export function AddToCartForm({
  productId,
  stock,
  rule,
  reservedForMinutes = null,
}: {
  productId: string;
  stock: number;
  /** The shop's quantity rule (lib/cart/quantity-rule.ts), shown beside the box. */
  rule: QuantityRule;
  /** Set when the stock is only held by other shoppers' unpaid orders: when the first hold ends. */
  reservedForMinutes?: number | null;
}) {
  const [result, action] = useActionState<CartActionResult, FormData>(addToCart, null);
  const soldOut = stock <= 0;
  const max = maxChoosable(rule, stock);
  const [typed, setTyped] = useState(1);
  const over = typed > max && !soldOut;
  return (
    // noValidate: a quantity over the limit gets the shop's words beside the box, not the browser's bubble.
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="quantity" className="block text-sm font-medium">
            Quantity
          </label>
          <input
            id="quantity"
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={max || 1}
            defaultValue={1}
            disabled={soldOut}
            onChange={(e) => setTyped(Number(e.currentTarget.value))}
            aria-invalid={over || undefined}
            aria-describedby="quantity-hint add-to-cart-message"
            className="mt-1 w-20 rounded-lg border border-stone-300 px-3 py-2 aria-invalid:border-red-600"
          />
        </div>
        <SubmitButton disabled={soldOut} className="flex-1 sm:flex-none">
          Add to cart
        </SubmitButton>
      </div>
      {!soldOut && (
        <p id="quantity-hint" className={over ? "text-sm text-red-700" : "text-xs text-stone-600"}>
          {quantityHint(rule, stock)}
        </p>
      )}
      {soldOut && (
        <p className="text-sm text-stone-600">
          {reservedForMinutes === null
            ? "Sold out: check back soon."
            : `Reserved by other shoppers: check back in ${reservedForMinutes} minute${reservedForMinutes === 1 ? "" : "s"}.`}
        </p>
      )}
      <ActionMessage id="add-to-cart-message" result={result} />
    </form>
  );
}
