"use client";

import { useEffect, useState } from "react";
import type { OrderView } from "@/lib/orders/order-view";
import { type RetryState, retryOrderPayment } from "@/lib/orders/order-actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { PhoneField } from "@/components/ui/field";
import { formatCountdown, secondsUntil, useNow } from "./use-now";

/** "Try again" and "Use a different number", held back with a visible timer while M-Pesa needs a pause. */
export function RetryControls({ view, onRetried }: { view: OrderView; onRetried: () => void }) {
  const form = useActionForm<RetryState>(retryOrderPayment, null);
  const { state } = form;
  const [otherNumber, setOtherNumber] = useState(false);
  const now = useNow(view.retryAvailableAt !== null);
  const wait = secondsUntil(view.retryAvailableAt, now);
  useEffect(() => {
    if (state?.ok) onRetried();
  }, [state, onRetried]);

  return (
    <ActionForm form={form} className="space-y-3">
      <input type="hidden" name="publicId" value={view.publicId} />
      {otherNumber && (
        <PhoneField
          label="Phone number"
          maxLength={20}
          autoComplete="tel"
          required
          {...form.field("phone")}
        />
      )}
      {wait > 0 && (
        <p className="text-sm" role="timer" aria-live="off">
          You can try again in {formatCountdown(wait)}.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton disabled={wait > 0} pendingText="Sending the prompt…">
          {otherNumber ? "Send prompt to this number" : "Try again"}
        </SubmitButton>
        {!otherNumber && (
          <button
            type="button"
            onClick={() => setOtherNumber(true)}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100"
          >
            Use a different number
          </button>
        )}
      </div>
    </ActionForm>
  );
}
