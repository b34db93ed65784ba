"use client";

import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { cancelUnpaidOrder } from "@/lib/dashboard/order-actions";
import { cancelOrderInput } from "@/lib/dashboard/order-note-input";

const rules = inputRules(cancelOrderInput);

/** Calls off an unpaid order: its stock goes back on sale; the reason is kept in its history. */
export function CancelOrderForm({ reference }: { reference: string }) {
  const form = useActionForm(cancelUnpaidOrder, null);
  if (form.success) return <ActionMessage id="cancel-msg" result={form.success} />;
  return (
    <details open={form.state !== null || undefined}>
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-red-700">
        Cancel this unpaid order
      </summary>
      <ActionForm form={form} className="mt-2 space-y-2">
        <input type="hidden" name="reference" value={reference} />
        <TextField
          id="cancel-note"
          name="note"
          label="Reason (optional)"
          {...rules.note}
          defaultValue={form.values.note}
          errors={form.errors.note}
          autoComplete="off"
        />
        <SubmitButton variant="secondary" className="min-h-11 w-full sm:w-auto">
          Cancel order and release its stock
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
