"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { setFulfilment } from "@/lib/dashboard/order-actions";
import { type Fulfilment, type Method, fulfilmentSteps } from "@/lib/delivery/fulfilment";

type Props = { reference: string; method: Method; fulfilment: Fulfilment };

/** The next fulfilment steps as buttons: dispatched / delivered, picked up, or back to unfulfilled. */
export function FulfilmentForm({ reference, method, fulfilment }: Props) {
  const [result, action] = useActionState(setFulfilment, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" aria-describedby="fulfil-msg">
      <input type="hidden" name="reference" value={reference} />
      {fulfilmentSteps(method, fulfilment).map((step) => (
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
    </form>
  );
}
