import type { Metadata } from "next";
import Link from "next/link";
import { CartCountSync } from "@/components/cart/cart-count";
import { CartLineRow } from "@/components/cart/cart-line-row";
import { getCart, quantityRule } from "@/lib/cart/queries";
import { quantityProblem } from "@/lib/cart/quantity-rule";
import { formatKes } from "@/lib/format";

export const metadata: Metadata = { title: "Your cart" };

export default async function CartPage() {
  const cart = await getCart();
  if (cart.lines.length === 0) {
    return (
      <div className="mx-auto max-w-md space-y-4 py-12 text-center">
        <CartCountSync count={0} />
        <h1 className="text-2xl font-bold">Your cart is empty</h1>
        {cart.notices.map((n) => (
          <p key={n} role="status" className="text-amber-800">
            {n}
          </p>
        ))}
        <p className="text-stone-600">Browse the shop and add something you like.</p>
        <Link
          href="/"
          className="inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Start shopping
        </Link>
      </div>
    );
  }
  const rule = quantityRule();
  const tooMany = quantityProblem(
    rule,
    cart.lines.map((l) => ({ name: l.variant.name, quantity: l.quantity })),
  );
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <CartCountSync count={cart.itemCount} />
      <h1 className="text-2xl font-bold">Your cart</h1>
      {cart.notices.length > 0 && (
        <div
          role="status"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        >
          {cart.notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white px-4">
        {cart.lines.map((line) => (
          <CartLineRow key={line.variant.id} line={line} rule={rule} />
        ))}
      </ul>
      <div className="flex items-center justify-between rounded-xl border border-stone-200 bg-white p-4">
        <span className="font-medium">
          Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
        </span>
        <span className="text-xl font-bold" data-testid="subtotal">
          {formatKes(cart.subtotalKes)}
        </span>
      </div>
      {tooMany && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {tooMany} Change the quantities above to check out.
        </p>
      )}
      <form action="/checkout" method="get">
        <button
          type="submit"
          className="w-full rounded-lg bg-brand-600 px-4 py-3 text-lg font-semibold text-white hover:bg-brand-700"
        >
          Checkout
        </button>
      </form>
    </div>
  );
}
