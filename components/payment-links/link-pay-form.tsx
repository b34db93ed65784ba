"use client";

import { useActionState, useState } from "react";
import { AddressFields } from "@/components/checkout/address-fields";
import { type PaymentChoice, PaymentChoiceField } from "@/components/checkout/payment-choice";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { formatKes } from "@/lib/format";
import { type LinkPayState, payViaLink } from "@/lib/payment-links/actions";

type Props = {
  token: string;
  checkoutKey: string;
  /** The delivery radio's value the checkout checks (option and fee), fixed by the seller. */
  deliveryValue: string;
  /** Null for pickup; the zone's counties (empty: all) for a delivery. */
  counties: string[] | null;
  totalKes: number;
  canPayLater: boolean;
  payOnDeliveryNote: string;
  customer: { name: string; phone: string };
};

/** The customer confirms who they are and where it goes, then pays (or pays on delivery). */
export function LinkPayForm(p: Props) {
  const [state, action] = useActionState<LinkPayState, FormData>(payViaLink, null);
  const [payment, setPayment] = useState<PaymentChoice>("mpesa");
  const errors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  const notice = state?.ok === false && !state.fieldErrors ? state.message : null;
  const later = p.canPayLater && payment === "delivery";
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={p.token} />
      <input type="hidden" name="checkoutKey" value={p.checkoutKey} />
      <input type="hidden" name="delivery" value={p.deliveryValue} />
      {p.counties && <AddressFields values={state?.values} errors={errors} counties={p.counties} />}
      {p.canPayLater ? (
        <PaymentChoiceField
          choice={payment}
          onChoose={setPayment}
          note={p.payOnDeliveryNote}
          totalKes={p.totalKes}
          laterLabel={p.counties ? "Pay on delivery" : "Pay when you collect"}
        />
      ) : (
        <input type="hidden" name="payment" value="mpesa" />
      )}
      <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
        <TextField
          label="Full name"
          name="customerName"
          autoComplete="name"
          defaultValue={state?.values?.customerName ?? p.customer.name}
          errors={errors.customerName}
        />
        <TextField
          label="Phone number"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          hint={
            later
              ? "We call or text this number about your order."
              : "The M-Pesa number that will get the prompt."
          }
          defaultValue={state?.values?.phone ?? `0${p.customer.phone.slice(3)}`}
          errors={errors.phone}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          hint="Optional: for your receipt."
          defaultValue={state?.values?.email}
          errors={errors.email}
        />
        {notice && (
          <p
            role="alert"
            className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            {notice}
          </p>
        )}
        <SubmitButton className="w-full py-3 text-lg">
          {later ? "Place order" : `Pay ${formatKes(p.totalKes)} with M-Pesa`}
        </SubmitButton>
      </div>
    </form>
  );
}
