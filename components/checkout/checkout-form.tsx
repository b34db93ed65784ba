"use client";

import Link from "next/link";
import { useActionState } from "react";
import { type CheckoutFormState, checkout } from "@/lib/orders/checkout-action";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function CheckoutForm({ checkoutKey, totalLabel }: { checkoutKey: string; totalLabel: string }) {
  const [state, action] = useActionState<CheckoutFormState, FormData>(checkout, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
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
      {(state?.message || errors.checkoutKey) && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {state?.message ?? errors.checkoutKey?.[0]}{" "}
          {state?.message && (
            <Link href="/cart" className="font-medium underline">
              Review your cart
            </Link>
          )}
        </p>
      )}
      <SubmitButton className="w-full py-3 text-lg">Pay with M-Pesa</SubmitButton>
      <p className="text-center text-sm text-stone-600">
        You will get a prompt for {totalLabel} on your phone. Enter your M-Pesa PIN to pay.
      </p>
    </form>
  );
}
