"use client";

import { useActionState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { setFulfilment } from "@/lib/dashboard/order-actions";
import { type Fulfilment, type Method, fulfilmentSteps } from "@/lib/delivery/fulfilment";

type Props = { reference: string; method: Method; fulfilment: Fulfilment; paid: boolean };

/**
 * The next fulfilment steps as buttons: dispatched (with the rider's number) or ready for pickup, delivered
 * or picked up, or back to unfulfilled.
 */
export function FulfilmentForm({ reference, method, fulfilment, paid }: Props) {
  const [result, action] = useActionState(setFulfilment, null);
  const steps = fulfilmentSteps(method, fulfilment, paid);
  const riderErrors = result?.ok === false ? result.fieldErrors?.riderPhone : undefined;
  return (
    <form action={action} className="space-y-3" aria-describedby="fulfil-msg" noValidate>
      <input type="hidden" name="reference" value={reference} />
      {method === "DELIVERY" && steps.some((s) => s.to === "DISPATCHED") && (
        <Field
          id="riderPhone"
          label="Rider's phone (optional)"
          hint="Sent to the customer with the dispatch SMS."
          errors={riderErrors}
        >
          <input
            id="riderPhone"
            name="riderPhone"
            type="tel"
            inputMode="tel"
            placeholder="0712 345 678"
            aria-invalid={riderErrors ? true : undefined}
            aria-describedby="riderPhone-error"
            className={inputClass}
          />
        </Field>
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
        <ActionMessage id="fulfil-msg" result={result} />
      </div>
    </form>
  );
}
