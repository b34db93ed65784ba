"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { PhoneField } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { fulfilmentInput } from "@/lib/dashboard/fulfilment-input";
import { setFulfilment } from "@/lib/dashboard/order-actions";
import { type Fulfilment, type Method, fulfilmentSteps } from "@/lib/delivery/fulfilment";
import { card } from "./order/card";

type Props = { reference: string; method: Method; fulfilment: Fulfilment; paid: boolean };

const rules = inputRules(fulfilmentInput);

/**
 * The next fulfilment steps as buttons: dispatched (with the rider's number) or ready for pickup, delivered
 * or picked up, or back to unfulfilled. Nothing at all when no step is open (an order to pay at the door
 * with no delivery to dispatch).
 */
export function FulfilmentForm({ reference, method, fulfilment, paid }: Props) {
  const form = useActionForm(setFulfilment, null, rules);
  const steps = fulfilmentSteps(method, fulfilment, paid);
  if (steps.length === 0) return null;
  return (
    <section className={card} aria-label="Fulfilment">
      <ActionForm form={form} className="space-y-3" aria-describedby="fulfil-msg">
        <input type="hidden" name="reference" value={reference} />
        {method === "DELIVERY" && steps.some((s) => s.to === "DISPATCHED") && (
          <PhoneField
            id="riderPhone"
            label="Rider's phone (optional)"
            hint="Sent to the customer with the dispatch SMS."
            {...form.field("riderPhone")}
          />
        )}
        <div className="flex flex-wrap items-center gap-3">
          {steps.map((step) => (
            <SubmitButton
              key={step.to}
              name="fulfilment"
              value={step.to}
              variant={step.primary ? "primary" : "secondary"}
              className="min-h-11"
            >
              {step.label}
            </SubmitButton>
          ))}
          <ActionMessage id="fulfil-msg" result={form.success} />
        </div>
      </ActionForm>
    </section>
  );
}
