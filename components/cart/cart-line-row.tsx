"use client";

import Image from "next/image";
import Link from "next/link";
import { useActionState, useState } from "react";
import { type CartActionResult, removeCartLine, updateCartLine } from "@/lib/cart/actions";
import { type QuantityRule, maxChoosable, quantityHint } from "@/lib/cart/quantity-rule";
import type { PricedLine } from "@/lib/cart/price-cart";
import { formatKes } from "@/lib/format";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function CartLineRow({ line, rule }: { line: PricedLine; rule: QuantityRule }) {
  const { product } = line;
  const [result, update] = useActionState<CartActionResult, FormData>(updateCartLine, null);
  const inputId = `qty-${product.id}`;
  const max = maxChoosable(rule, product.stock);
  const [typed, setTyped] = useState(line.quantity);
  const over = typed > max;
  return (
    <li className="flex gap-3 py-4" data-testid="cart-line">
      <Image
        src={product.imageUrl}
        alt={product.name}
        width={80}
        height={80}
        className="h-20 w-20 rounded-lg border border-stone-200 object-cover"
      />
      <div className="flex-1 space-y-2">
        <div className="flex justify-between gap-2">
          <Link href={`/products/${product.slug}`} className="font-medium hover:underline">
            {product.name}
          </Link>
          <span className="font-semibold" data-testid="line-total">
            {formatKes(line.lineTotalKes)}
          </span>
        </div>
        <p className="text-sm text-stone-600">{formatKes(product.priceKes)} each</p>
        <div className="flex flex-wrap items-end gap-2">
          <form action={update} noValidate className="flex items-end gap-2">
            <input type="hidden" name="productId" value={product.id} />
            <label htmlFor={inputId} className="sr-only">
              Quantity of {product.name}
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
              aria-describedby={`hint-${product.id} msg-${product.id}`}
              className="w-20 rounded-lg border border-stone-300 px-3 py-1.5 aria-invalid:border-red-600"
            />
            <SubmitButton variant="secondary" className="py-1.5 text-sm">
              Update
            </SubmitButton>
          </form>
          <form action={removeCartLine}>
            <input type="hidden" name="productId" value={product.id} />
            <SubmitButton variant="danger" className="py-1.5 text-sm" aria-label={`Remove ${product.name}`}>
              Remove
            </SubmitButton>
          </form>
        </div>
        <p id={`hint-${product.id}`} className={over ? "text-sm text-red-700" : "text-xs text-stone-600"}>
          {quantityHint(rule, product.stock)}
        </p>
        <ActionMessage id={`msg-${product.id}`} result={result} />
      </div>
    </li>
  );
}
