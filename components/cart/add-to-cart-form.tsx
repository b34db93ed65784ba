"use client";

import { useActionState, useEffect, useState } from "react";
import clsx from "clsx";
import { announceCartChange } from "./cart-changes";
import { type CartActionResult, addToCart } from "@/lib/cart/actions";
import { type QuantityRule, maxChoosable, quantityHint } from "@/lib/cart/quantity-rule";
import { SubmitButton } from "@/components/ui/submit-button";
import { LiveSoldOut } from "@/components/catalog/product-islands";

export function AddToCartForm({
  variantId,
  stock,
  rule,
}: {
  variantId: string;
  stock: number;
  /** The shop's quantity rule (lib/cart/quantity-rule.ts), shown beside the box. */
  rule: QuantityRule;
}) {
  const [result, action] = useActionState<CartActionResult, FormData>(addToCart, null);
  useEffect(() => {
    if (result) announceCartChange();
  }, [result]);
  const soldOut = stock <= 0;
  const max = maxChoosable(rule, stock);
  const [typed, setTyped] = useState(1);
  const over = typed > max && !soldOut;
  return (
    // noValidate: a quantity over the limit gets the shop's words beside the box, not the browser's bubble.
    <form action={action} noValidate className="space-y-2">
      <input type="hidden" name="variantId" value={variantId} />
      <div className="flex flex-wrap items-baseline gap-x-2">
        <label htmlFor="quantity" className="text-sm font-medium">
          Quantity
        </label>
        {!soldOut && (
          <span
            id="quantity-hint"
            className={over ? "text-sm font-medium text-red-700" : "text-xs text-stone-600"}
          >
            {quantityHint(rule, stock)}
          </span>
        )}
      </div>
      <div className="flex items-center gap-3">
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
          aria-describedby={soldOut ? "add-to-cart-message" : "quantity-hint add-to-cart-message"}
          className="min-h-11 w-20 rounded-lg border border-stone-300 px-3 py-2 aria-invalid:border-red-600"
        />
        <SubmitButton disabled={soldOut} className="flex-1 sm:flex-none">
          Add to cart
        </SubmitButton>
      </div>
      {soldOut && (
        <LiveSoldOut variantId={variantId}>
          <p className="text-sm text-stone-600">Sold out: check back soon.</p>
        </LiveSoldOut>
      )}
      <AddedToCart result={result} />
    </form>
  );
}

/**
 * The outcome, right under the button: the confirmation (or why fewer went in) with "View cart" next to it.
 * Announced to screen readers; always in the page so the announcement is heard.
 */
function AddedToCart({ result }: { result: CartActionResult }) {
  return (
    <div
      className={clsx(
        "flex items-center justify-between gap-3 rounded-lg text-sm",
        result && "border px-3 py-2",
        result?.ok && "border-brand-100 bg-brand-50",
        result && !result.ok && "border-amber-300 bg-amber-50",
      )}
    >
      <p
        id="add-to-cart-message"
        role="status"
        aria-live="polite"
        className={clsx(
          "min-w-0 flex-1",
          !result && "sr-only",
          result?.ok ? "text-brand-900" : "text-amber-900",
        )}
      >
        {result?.message}
      </p>
      {/* A plain link: next/link would add its client code to the product page's JavaScript budget. */}
      {result && (
        <a
          href="/cart"
          className="inline-flex min-h-11 shrink-0 items-center font-semibold whitespace-nowrap text-brand-700 underline"
        >
          View cart
        </a>
      )}
    </div>
  );
}
