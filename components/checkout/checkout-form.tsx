"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { type CheckoutFormState, checkout } from "@/lib/orders/checkout-action";
import { type DeliveryOffer, parseOfferValue } from "@/lib/delivery/pricing";
import { formatKes } from "@/lib/format";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { AddressFields } from "./address-fields";
import { DeliveryOptions } from "./delivery-options";
import { priceOrder } from "@/lib/pricing/price-lines";
import { DiscountField } from "./discount-field";
import { OrderSummary, type SummaryLine } from "./order-summary";

type Props = {
  checkoutKey: string;
  lines: SummaryLine[];
  goodsKes: number;
  offers: DeliveryOffer[];
  freeThresholdKes: number | null;
};

export function CheckoutForm({ checkoutKey, lines, goodsKes, offers, freeThresholdKes }: Props) {
  const [state, action] = useActionState<CheckoutFormState, FormData>(checkout, null);
  const [picked, setPicked] = useState<string | null>(null);
  const refusal = state?.ok === false ? state : null;
  const errors = refusal?.fieldErrors ?? {};
  // A refusal's message is shown only when no single field is at fault.
  const notice = refusal && !refusal.fieldErrors ? refusal.message : undefined;
  // React resets the form after each action: the radios start from what was submitted (or the only option).
  const submittedKey =
    parseOfferValue(state?.values?.delivery ?? "")?.key ?? (offers.length === 1 ? offers[0]?.key : undefined);
  const chosen = offers.find((o) => o.key === (picked ?? submittedKey));
  const applied = state?.discount ?? null;
  const priced = priceOrder(lines, chosen?.feeKes ?? 0, applied?.rule ?? null);
  const price = priced.ok ? priced.price : null;
  const totalKes = price?.totalKes ?? goodsKes + (chosen?.feeKes ?? 0);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
      <DeliveryOptions
        offers={offers}
        initialKey={submittedKey}
        onChoose={setPicked}
        goodsKes={goodsKes}
        freeThresholdKes={freeThresholdKes}
        errors={errors.delivery}
      />
      {chosen?.method === "DELIVERY" && (
        <AddressFields values={state?.values} errors={errors} counties={chosen.counties} />
      )}
      <OrderSummary
        lines={lines}
        goodsKes={goodsKes}
        delivery={chosen}
        discount={price?.discount ?? null}
        totalKes={totalKes}
      />
      <DiscountField applied={applied} typed={state?.values?.discountCode} errors={errors.discountCode} />
      <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
        <TextField
          label="Full name"
          name="customerName"
          autoComplete="name"
          defaultValue={state?.values?.customerName}
          errors={errors.customerName}
          required
        />
        <TextField
          label="Phone number"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="0712 345 678"
          hint="The M-Pesa number that will get the payment prompt."
          defaultValue={state?.values?.phone}
          errors={errors.phone}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          hint="Optional: for your receipt."
          defaultValue={state?.values?.email}
          errors={errors.email}
        />
        {(notice || errors.checkoutKey) && (
          <p
            role="alert"
            className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            {notice ?? errors.checkoutKey?.[0]}{" "}
            {notice && !refusal?.aboutDelivery && (
              <Link href="/cart" className="font-medium underline">
                Review your cart
              </Link>
            )}
          </p>
        )}
        <SubmitButton className="w-full py-3 text-lg">Pay with M-Pesa</SubmitButton>
        <p className="text-center text-sm text-stone-600">
          You will get a prompt for <span data-testid="prompt-amount">{formatKes(totalKes)}</span> on your
          phone. Enter your M-Pesa PIN to pay.
        </p>
      </div>
    </form>
  );
}
