import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { getCart } from "@/lib/cart/queries";
import { formatKes } from "@/lib/format";

// The checkout action and the order page may wait on Daraja (token + push or query, 15 s timeouts each).
export const maxDuration = 60;

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const cart = await getCart();
  if (cart.lines.length === 0) redirect("/cart");
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Checkout</h1>
      {cart.notices.map((n) => (
        <p
          key={n}
          role="status"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {n}
        </p>
      ))}
      <section
        aria-labelledby="summary-heading"
        className="rounded-xl border border-stone-200 bg-white p-4 text-sm"
      >
        <h2 id="summary-heading" className="mb-2 font-semibold">
          Order summary
        </h2>
        <ul>
          {cart.lines.map((l) => (
            <li key={l.product.id} className="flex justify-between py-1">
              <span>
                {l.quantity} × {l.product.name}
              </span>
              <span>{formatKes(l.lineTotalKes)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2 flex justify-between border-t pt-2 text-base font-semibold">
          <span>Total</span>
          <span data-testid="checkout-total">{formatKes(cart.subtotalKes)}</span>
        </p>
      </section>
      <CheckoutForm checkoutKey={randomUUID()} totalLabel={formatKes(cart.subtotalKes)} />
    </div>
  );
}
