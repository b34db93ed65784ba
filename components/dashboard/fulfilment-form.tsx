"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { setFulfilment } from "@/lib/dashboard/order-actions";

export function FulfilmentForm({ reference, fulfilled }: { reference: string; fulfilled: boolean }) {
  const [result, action] = useActionState(setFulfilment, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" aria-describedby="fulfil-msg">
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="fulfilment" value={fulfilled ? "UNFULFILLED" : "FULFILLED"} />
      <SubmitButton variant={fulfilled ? "secondary" : "primary"}>
        {fulfilled ? "Mark unfulfilled" : "Mark fulfilled"}
      </SubmitButton>
      <ActionMessage id="fulfil-msg" result={result} />
    </form>
  );
}
