"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatKes } from "@/lib/format";
import {
  attachUnmatchedPayment,
  markPaymentRefunded,
  registerPaybillUrls,
  sendPaymentBack,
} from "@/lib/dashboard/c2b-actions";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";

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
  const form = useActionForm(attachUnmatchedPayment, null);
  const fieldId = `attach-${paymentId}`;
  return (
    <ActionForm form={form} className="space-y-2">
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
          <TextField
            id={fieldId}
            label="Order reference"
            name="reference"
            placeholder="DK-7Q4M2X"
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={40}
            defaultValue={form.values.reference}
            errors={form.errors.reference}
          />
        </div>
        <SubmitButton className="mb-6 min-h-11">Attach</SubmitButton>
      </div>
      {form.success && <ActionMessage id={`${fieldId}-msg`} result={form.success} />}
    </ActionForm>
  );
}

export function RefundForm({ paymentId }: { paymentId: string }) {
  const [state, action] = useActionState(markPaymentRefunded, null);
  const [sent, sendBack] = useActionState(sendPaymentBack, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <SubmitButton formAction={sendBack} className="min-h-11 text-sm">
        Send it back
      </SubmitButton>
      <ActionMessage id={`send-back-${paymentId}`} result={sent} />
      <SubmitButton variant="secondary" className="min-h-11 text-sm" title="Money returned outside M-Pesa">
        Mark refunded
      </SubmitButton>
      <ActionMessage id={`refund-${paymentId}`} result={state} />
    </form>
  );
}
