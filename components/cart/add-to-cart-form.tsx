"use client";

import { useActionState } from "react";
import { type CartActionResult, addToCart } from "@/lib/cart/actions";
import { MAX_QUANTITY } from "@/lib/cart/limits";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionMessage } from "@/components/ui/action-message";

export function AddToCartForm({
  variantId,
  stock,
  reservedForMinutes = null,
}: {
  variantId: string;
  stock: number;
  /** Set when the stock is only held by other shoppers' unpaid orders: when the first hold ends. */
  reservedForMinutes?: number | null;
}) {
  const [result, action] = useActionState<CartActionResult, FormData>(addToCart, null);
  const soldOut = stock <= 0;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="variantId" value={variantId} />
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
            max={MAX_QUANTITY}
            defaultValue={1}
            disabled={soldOut}
            aria-describedby={result ? "add-to-cart-message" : undefined}
            className="mt-1 w-20 rounded-lg border border-stone-300 px-3 py-2"
          />
        </div>
        <SubmitButton disabled={soldOut} className="flex-1 sm:flex-none">
          Add to cart
        </SubmitButton>
      </div>
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
