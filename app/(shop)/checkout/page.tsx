import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import Link from "next/link";
import { getCart, quantityRule } from "@/lib/cart/queries";
import { quantityProblem } from "@/lib/cart/quantity-rule";
import { deliveryOffers } from "@/lib/delivery/pricing";
import { loadDeliveryConfig } from "@/lib/delivery/queries";

// The checkout action and the order page may wait on Daraja (token + push or query, 15 s timeouts each).
export const maxDuration = 60;

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const cart = await getCart();
  if (cart.lines.length === 0) redirect("/cart");
  const tooMany = quantityProblem(
    quantityRule(),
    cart.lines.map((l) => ({ name: l.variant.name, quantity: l.quantity })),
  );
  if (tooMany) {
    // Said before anything is typed, with the way back to where the quantity is chosen.
    return (
      <div className="mx-auto max-w-lg space-y-4">
        <h1 className="text-2xl font-bold">Checkout</h1>
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {tooMany}
        </p>
        <Link href="/cart" className="inline-block font-medium text-brand-700 underline">
          Change the quantities in your cart
        </Link>
      </div>
    );
  }
  const delivery = await loadDeliveryConfig();
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
      <CheckoutForm
        checkoutKey={randomUUID()}
        lines={cart.lines.map((l) => ({
          id: l.variant.id,
          label: `${l.quantity} × ${l.variant.name}`,
          totalKes: l.lineTotalKes,
          productId: l.variant.productId,
          categoryId: l.variant.categoryId,
          unitPriceKes: l.variant.priceKes,
          quantity: l.quantity,
        }))}
        goodsKes={cart.subtotalKes}
        offers={deliveryOffers(delivery, cart.subtotalKes)}
        freeThresholdKes={delivery.freeThresholdKes}
        payOnDeliveryNote={delivery.payOnDeliveryNote}
      />
    </div>
  );
}
