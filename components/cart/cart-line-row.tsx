"use client";

import Image from "next/image";
import Link from "next/link";
import { useActionState, useState } from "react";
import { type CartActionResult, removeCartLine, updateCartLine } from "@/lib/cart/actions";
import { type QuantityRule, maxChoosable, quantityHint } from "@/lib/cart/quantity-rule";
import type { PricedLine } from "@/lib/cart/price-cart";
import { formatKes } from "@/lib/format";
import { Price } from "@/components/catalog/price";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function CartLineRow({ line, rule }: { line: PricedLine; rule: QuantityRule }) {
  const { variant } = line;
  const [result, update] = useActionState<CartActionResult, FormData>(updateCartLine, null);
  const inputId = `qty-${variant.id}`;
  const max = maxChoosable(rule, variant.stock);
  const [typed, setTyped] = useState(line.quantity);
  const over = typed > max;
  return (
    <li className="flex gap-3 py-4" data-testid="cart-line">
      <Image
        src={variant.imageUrl}
        alt={variant.name}
        width={80}
        height={80}
        className="h-20 w-20 rounded-lg border border-stone-200 object-cover"
      />
      <div className="flex-1 space-y-2">
        <div className="flex justify-between gap-2">
          <Link
            // The variant's page by its id (the readable key needs its siblings): same page, same canonical.
            href={variant.title ? `/products/${variant.slug}/${variant.id}` : `/products/${variant.slug}`}
            // 44 px square to tap, even for one line of a short name: the padding reaches into the gaps, the
            // margin keeps the layout.
            className="-my-2.5 inline-block min-w-11 py-2.5 font-medium hover:underline"
            data-nav-link
          >
            {variant.productName}
          </Link>
          <span className="font-semibold" data-testid="line-total">
            {formatKes(line.lineTotalKes)}
          </span>
        </div>
        {variant.title && <p className="text-sm text-stone-700">{variant.title}</p>}
        <p className="text-sm text-stone-600">
          <Price priceKes={variant.priceKes} compareAtKes={variant.compareAtKes} /> each
        </p>
        <div className="flex flex-wrap items-end gap-2">
          <form action={update} noValidate className="flex items-end gap-2">
            <input type="hidden" name="variantId" value={variant.id} />
            <label htmlFor={inputId} className="sr-only">
              Quantity of {variant.name}
            </label>
            <input
              id={inputId}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={0}
              max={max}
              defaultValue={line.quantity}
              key={line.quantity}
              onChange={(e) => setTyped(Number(e.currentTarget.value))}
              aria-invalid={over || undefined}
              aria-describedby={`hint-${variant.id} msg-${variant.id}`}
              className="min-h-11 w-20 rounded-lg border border-stone-300 px-3 py-1.5 aria-invalid:border-red-600"
            />
            <SubmitButton variant="secondary" className="py-1.5 text-sm">
              Update
            </SubmitButton>
          </form>
          <form action={removeCartLine}>
            <input type="hidden" name="variantId" value={variant.id} />
            <SubmitButton variant="danger" className="py-1.5 text-sm" aria-label={`Remove ${variant.name}`}>
              Remove
            </SubmitButton>
          </form>
        </div>
        <p id={`hint-${variant.id}`} className={over ? "text-sm text-red-700" : "text-xs text-stone-600"}>
          {quantityHint(rule, variant.stock)}
        </p>
        <ActionMessage id={`msg-${variant.id}`} result={result} />
      </div>
    </li>
  );
}
