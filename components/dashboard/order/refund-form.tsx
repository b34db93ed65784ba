"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Field, inputClass } from "@/components/ui/field";
import { refundOrder } from "@/lib/dashboard/refund-actions";
import { REFUND_REASONS } from "@/lib/dashboard/refund-reasons";

type Props = { reference: string; refundableKes: number };

/**
 * The owner's refund: amount (everything left by default), reason, restock; then a confirm step that says
 * exactly what will happen. What was typed stays (controlled fields); one key per form, so a double click
 * or a second press sends one refund.
 */
export function RefundForm({ reference, refundableKes }: Props) {
  const [result, action] = useActionState(refundOrder, null);
  const [key] = useState(() => crypto.randomUUID());
  const [amount, setAmount] = useState(String(refundableKes));
  const [reason, setReason] = useState<string>(REFUND_REASONS[0]);
  const [note, setNote] = useState("");
  const [restock, setRestock] = useState(false);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const confirming = result?.ok && result.step === "confirm";
  if (result?.ok && result.step === "sent") return <ActionMessage id="refund-msg" result={result} />;
  return (
    <details open={!!result}>
      <summary className="flex min-h-11 cursor-pointer items-center font-semibold">Refund</summary>
      <form action={action} className="mt-2 space-y-3" noValidate>
        <input type="hidden" name="reference" value={reference} />
        <input type="hidden" name="idempotencyKey" value={key} />
        <Field
          id="refund-amount"
          label="Amount (KES)"
          hint={`At most ${refundableKes}`}
          errors={errors?.amountKes}
        >
          <input
            name="amountKes"
            inputMode="numeric"
            className={inputClass}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            readOnly={confirming}
          />
        </Field>
        <Field id="refund-reason" label="Reason" errors={errors?.reason}>
          <select
            name="reason"
            className={inputClass}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          >
            {REFUND_REASONS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </Field>
        <Field id="refund-note" label="Note (optional)" errors={errors?.note}>
          <input
            name="note"
            maxLength={200}
            autoComplete="off"
            className={inputClass}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            name="restock"
            className="size-5"
            checked={restock}
            onChange={(e) => setRestock(e.target.checked)}
          />
          Put the items back in stock
        </label>
        {confirming ? (
          <div className="space-y-2 rounded-lg bg-amber-50 p-3" data-testid="refund-confirm">
            <p className="font-medium">{result.sentence}.</p>
            <div className="flex flex-wrap gap-2">
              <SubmitButton name="step" value="send" className="w-full sm:w-auto">
                Send the refund
              </SubmitButton>
              <SubmitButton name="step" value="review" variant="secondary" className="w-full sm:w-auto">
                Check again
              </SubmitButton>
            </div>
          </div>
        ) : (
          <SubmitButton name="step" value="review" className="w-full sm:w-auto">
            Review refund
          </SubmitButton>
        )}
        {!confirming && <ActionMessage id="refund-msg" result={result} />}
      </form>
    </details>
  );
}
