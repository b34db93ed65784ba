"use client";

import Link from "next/link";
import { useState } from "react";
import { type CheckoutFormState, checkout } from "@/lib/orders/checkout-action";
import { payOnDeliveryRefusal } from "@/lib/delivery/pay-on-delivery";
import { type DeliveryOffer, parseOfferValue } from "@/lib/delivery/pricing";
import { formatKes } from "@/lib/format";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { PhoneField, TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { checkoutForm } from "@/lib/orders/checkout-form";
import { networkHint } from "@/lib/phone-network";
import { AddressFields } from "./address-fields";
import { DeliveryOptions } from "./delivery-options";
import { type PricingLine, priceOrder } from "@/lib/pricing/price-lines";
import { DiscountField } from "./discount-field";
import { OrderSummary, type SummaryLine } from "./order-summary";
import { type PaymentChoice, PaymentChoiceField } from "./payment-choice";

type Props = {
  checkoutKey: string;
  lines: (SummaryLine & PricingLine)[];
  goodsKes: number;
  offers: DeliveryOffer[];
  freeThresholdKes: number | null;
  payOnDeliveryNote: string;
};

const rules = inputRules(checkoutForm);

export function CheckoutForm(props: Props) {
  const { checkoutKey, lines, goodsKes, offers, freeThresholdKes, payOnDeliveryNote } = props;
  const form = useActionForm<CheckoutFormState>(checkout, null);
  const { state, errors } = form;
  const [picked, setPicked] = useState<string | null>(null);
  const [phoneHint, setPhoneHint] = useState<string | null>(null);
  const refusal = state?.ok === false ? state : null;
  // React resets the form after each action: the radios start from what was submitted (or the only option).
  const submittedKey =
    parseOfferValue(state?.values?.delivery ?? "")?.key ?? (offers.length === 1 ? offers[0]?.key : undefined);
  const chosen = offers.find((o) => o.key === (picked ?? submittedKey));
  const applied = state?.discount ?? null;
  const priced = priceOrder(lines, chosen?.feeKes ?? 0, applied?.rule ?? null);
  const price = priced.ok ? priced.price : null;
  const totalKes = price?.totalKes ?? goodsKes + (chosen?.feeKes ?? 0);
  const [payment, setPayment] = useState<PaymentChoice>(
    state?.values?.payment === "delivery" ? "delivery" : "mpesa",
  );
  const canPayLater = chosen !== undefined && payOnDeliveryRefusal(chosen.payOnDelivery, totalKes) === null;
  const payLater = canPayLater && payment === "delivery";
  const laterLabel = chosen?.method === "PICKUP" ? "Pay when you collect" : "Pay on delivery";
  return (
    <ActionForm
      form={form}
      className="space-y-4"
      summaryExtra={
        refusal?.about === "cart" ? (
          <Link href="/cart" className="flex min-h-11 items-center font-medium underline">
            Review your cart
          </Link>
        ) : refusal?.about === "prompts" ? (
          <PromptLimitOptions
            payLaterLabel={canPayLater && !payLater ? laterLabel : null}
            onPayLater={() => setPayment("delivery")}
          />
        ) : null
      }
    >
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
        <AddressFields
          values={state?.values}
          errors={errors}
          counties={chosen.counties}
          coverage={{ offers, chosenKey: chosen.key }}
        />
      )}
      <OrderSummary
        lines={lines}
        goodsKes={goodsKes}
        delivery={chosen}
        discount={price?.discount ?? null}
        totalKes={totalKes}
      />
      <DiscountField applied={applied} typed={state?.values?.discountCode} errors={errors.discountCode} />
      {canPayLater ? (
        <PaymentChoiceField
          choice={payment}
          onChoose={setPayment}
          note={payOnDeliveryNote}
          totalKes={totalKes}
          laterLabel={laterLabel}
        />
      ) : (
        <input type="hidden" name="payment" value="mpesa" />
      )}
      <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
        <TextField
          label="Full name"
          name="customerName"
          {...rules.customerName}
          autoComplete="name"
          defaultValue={state?.values?.customerName}
          errors={errors.customerName}
          required
        />
        <PhoneField
          label="Phone number"
          name="phone"
          {...rules.phone}
          autoComplete="tel"
          hint={
            <>
              {payLater
                ? "We call or text this number about your order."
                : "The M-Pesa number that will get the payment prompt."}
              {phoneHint && (
                <span className="mt-1 block font-medium text-amber-800" data-testid="network-hint">
                  {phoneHint}
                </span>
              )}
            </>
          }
          onChange={(e) => setPhoneHint(networkHint(e.target.value))}
          defaultValue={state?.values?.phone}
          errors={errors.phone}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          {...rules.email}
          autoComplete="email"
          hint="Optional: for your receipt."
          defaultValue={state?.values?.email}
          errors={errors.email}
        />
        {payLater ? (
          <>
            <SubmitButton className="w-full py-3 text-lg" pendingText="Placing your order…">
              Place order
            </SubmitButton>
            <p className="text-center text-sm text-stone-600">
              You pay <span data-testid="prompt-amount">{formatKes(totalKes)}</span>{" "}
              {chosen?.method === "PICKUP" ? "when you collect" : "when your order arrives"}: by M-Pesa or
              cash.
            </p>
          </>
        ) : (
          <>
            <SubmitButton className="w-full py-3 text-lg" pendingText="Sending the prompt…">
              Pay with M-Pesa
            </SubmitButton>
            <p className="text-center text-sm text-stone-600">
              You will get a prompt for <span data-testid="prompt-amount">{formatKes(totalKes)}</span> on your
              phone. Enter your M-Pesa PIN to pay.
            </p>
          </>
        )}
      </div>
    </ActionForm>
  );
}

/** No prompt can go to this number for now, and no order was made (nothing to pay by Pay Bill against). */
function PromptLimitOptions(props: { payLaterLabel: string | null; onPayLater: () => void }) {
  return (
    <div className="mt-1 space-y-1" data-testid="prompt-limit-options">
      <p>Or pay now from another M-Pesa number.</p>
      {props.payLaterLabel && (
        <button
          type="button"
          onClick={props.onPayLater}
          className="min-h-11 rounded-lg border border-red-700 bg-white px-4 font-medium text-red-900"
        >
          {props.payLaterLabel} instead
        </button>
      )}
    </div>
  );
}
