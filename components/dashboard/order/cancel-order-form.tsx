"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { cancelUnpaidOrder } from "@/lib/dashboard/order-actions";

/** Calls off an unpaid order: its stock goes back on sale; the reason is kept in its history. */
export function CancelOrderForm({ reference }: { reference: string }) {
  const [result, action] = useActionState(cancelUnpaidOrder, null);
  // Kept across a refused submit (a form action resets uncontrolled fields).
  const [note, setNote] = useState("");
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  if (result?.ok) return <ActionMessage id="cancel-msg" result={result} />;
  return (
    <details>
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-red-700">
        Cancel this unpaid order
      </summary>
      <form action={action} className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="reference" value={reference} />
        <TextField
          id="cancel-note"
          name="note"
          label="Reason (optional)"
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          errors={fieldErrors?.note}
          autoComplete="off"
        />
        <SubmitButton variant="secondary" className="min-h-11 w-full sm:w-auto">
          Cancel order and release its stock
        </SubmitButton>
        <ActionMessage id="cancel-msg" result={result} />
      </form>
    </details>
  );
}
