"use client";

import { useActionState, useEffect, useState } from "react";
import type { OrderView } from "@/lib/orders/order-view";
import { type RetryState, retryOrderPayment } from "@/lib/orders/order-actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { formatCountdown, secondsUntil, useNow } from "./use-now";

/** "Try again" and "Use a different number", held back with a visible timer while M-Pesa needs a pause. */
export function RetryControls({ view, onRetried }: { view: OrderView; onRetried: () => void }) {
  const [state, action] = useActionState<RetryState, FormData>(retryOrderPayment, null);
  const refusal = state?.ok === false ? state : null;
  const [otherNumber, setOtherNumber] = useState(false);
  const now = useNow(view.retryAvailableAt !== null);
  const wait = secondsUntil(view.retryAvailableAt, now);
  useEffect(() => {
    if (state?.ok) onRetried();
  }, [state, onRetried]);

  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="publicId" value={view.publicId} />
      {otherNumber && (
        <TextField
          label="Phone number"
          name="phone"
          type="tel"
          inputMode="tel"
          placeholder="0712 345 678"
          errors={refusal?.fieldErrors?.phone}
          required
        />
      )}
      {wait > 0 && (
        <p className="text-sm" role="timer" aria-live="off">
          You can try again in {formatCountdown(wait)}.
        </p>
      )}
      {refusal && !refusal.fieldErrors && (
        <p role="alert" className="text-sm text-amber-900">
          {refusal.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton disabled={wait > 0}>
          {otherNumber ? "Send prompt to this number" : "Try again"}
        </SubmitButton>
        {!otherNumber && (
          <button
            type="button"
            onClick={() => setOtherNumber(true)}
            className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          >
            Use a different number
          </button>
        )}
      </div>
    </form>
  );
}
