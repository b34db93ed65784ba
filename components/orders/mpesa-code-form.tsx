"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type RetryState, checkMpesaCode } from "@/lib/orders/order-actions";

/** "Already paid? Enter your M-Pesa code": M-Pesa is asked about the code; the answer shows under the button. */
export function MpesaCodeForm({ publicId }: { publicId: string }) {
  const form = useActionForm<RetryState>(checkMpesaCode, null);
  return (
    <ActionForm
      form={form}
      className="space-y-2 border-t border-stone-200 pt-3"
      data-testid="mpesa-code-form"
    >
      <input type="hidden" name="publicId" value={publicId} />
      <TextField
        label="Already paid? Enter your M-Pesa code"
        name="code"
        hint="The 10 letters and numbers at the start of your M-Pesa message, e.g. UKL2QR5JMI."
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={20}
        className="font-mono uppercase"
        defaultValue={form.values.code}
        errors={form.errors.code}
      />
      <SubmitButton variant="secondary" pendingText="Checking with M-Pesa…">
        Check my code
      </SubmitButton>
      <ActionMessage id="mpesa-code-msg" result={form.success} />
    </ActionForm>
  );
}
