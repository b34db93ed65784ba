"use client";

import { useState } from "react";
import { AddressFields } from "@/components/checkout/address-fields";
import { type PaymentChoice, PaymentChoiceField } from "@/components/checkout/payment-choice";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { PhoneField, TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { formatKes } from "@/lib/format";
import { checkoutForm } from "@/lib/orders/checkout-form";
import { type LinkPayState, payViaLink } from "@/lib/payment-links/actions";

const rules = inputRules(checkoutForm);

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
  const form = useActionForm<LinkPayState>(payViaLink, null, rules);
  const [payment, setPayment] = useState<PaymentChoice>(
    form.values.payment === "delivery" ? "delivery" : "mpesa",
  );
  const later = p.canPayLater && payment === "delivery";
  return (
    <ActionForm form={form} className="space-y-4">
      <input type="hidden" name="token" value={p.token} />
      <input type="hidden" name="checkoutKey" value={p.checkoutKey} />
      <input type="hidden" name="delivery" value={p.deliveryValue} />
      {p.counties && <AddressFields values={form.state?.values} errors={form.errors} counties={p.counties} />}
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
        <TextField label="Full name" autoComplete="name" {...form.field("customerName", p.customer.name)} />
        <PhoneField
          label="Phone number"
          autoComplete="tel"
          hint={
            later
              ? "We call or text this number about your order."
              : "The M-Pesa number that will get the prompt."
          }
          {...form.field("phone", `0${p.customer.phone.slice(3)}`)}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          hint="Optional: for your receipt."
          {...form.field("email")}
        />
        <SubmitButton
          className="w-full py-3 text-lg"
          pendingText={later ? "Placing your order…" : "Sending the prompt…"}
        >
          {later ? "Place order" : `Pay ${formatKes(p.totalKes)} with M-Pesa`}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
