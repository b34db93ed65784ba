"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatKes } from "@/lib/format";
import {
  attachUnmatchedPayment,
  markPaymentRefunded,
  registerPaybillUrls,
} from "@/lib/dashboard/c2b-actions";
import { Field, inputClass } from "@/components/ui/text-field";

export function RegisterUrlsForm() {
  const [state, action] = useActionState(registerPaybillUrls, null);
  return (
    <form action={action} className="space-y-2" aria-describedby="register-msg">
      <SubmitButton className="min-h-11">Register C2B URLs</SubmitButton>
      <ActionMessage id="register-msg" result={state} />
    </form>
  );
}

type Suggestion = { reference: string; totalKes: number; status: string; phoneMatches: boolean };

export function AttachForm({ paymentId, suggestions }: { paymentId: string; suggestions: Suggestion[] }) {
  const [state, action] = useActionState(attachUnmatchedPayment, null);
  const errors = state && !state.ok ? state.fieldErrors?.reference : undefined;
  const fieldId = `attach-${paymentId}`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      {suggestions.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {suggestions.map((s) => (
            <SubmitButton
              key={s.reference}
              name="reference"
              value={s.reference}
              variant="secondary"
              className="min-h-11 text-sm"
            >
              Attach to {s.reference} ({formatKes(s.totalKes)}, {s.status.toLowerCase()}
              {s.phoneMatches ? ", phone fits" : ""})
            </SubmitButton>
          ))}
        </div>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <Field id={fieldId} label="Order reference" errors={errors}>
            <input
              id={fieldId}
              name="reference"
              placeholder="DK-7Q4M2X"
              autoComplete="off"
              className={inputClass}
              aria-invalid={errors ? true : undefined}
              aria-describedby={`${fieldId}-error`}
            />
          </Field>
        </div>
        <SubmitButton className="mb-6 min-h-11">Attach</SubmitButton>
      </div>
      {state?.ok && <ActionMessage id={`${fieldId}-msg`} result={state} />}
    </form>
  );
}

export function RefundForm({ paymentId }: { paymentId: string }) {
  const [state, action] = useActionState(markPaymentRefunded, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <SubmitButton variant="secondary" className="min-h-11 text-sm">
        Mark refunded
      </SubmitButton>
      <ActionMessage id={`refund-${paymentId}`} result={state} />
    </form>
  );
}
