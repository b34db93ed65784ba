"use client";

import { useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type CancelPaidFormResult, cancelPaidOrderAction } from "@/lib/dashboard/refund-actions";
import { formatKes } from "@/lib/format";
import { card } from "./card";
import { RefundReasonFields } from "./refund-reason-fields";

type Props = {
  reference: string;
  /** Already cancelled (the page after this form's own submit): only the form's answer stays. */
  cancelled: boolean;
  refundableKes: number;
  /** What the refund will do ("KES 1,800 back to 2547***149 by M-Pesa reversal of ..."), or null when off. */
  refundSentence: string | null;
  offReason: string | null;
};

/**
 * The owner calls off a paid order (out of stock, the shopper asked): cancelled, stock back if chosen, and
 * the money back by M-Pesa in the same step. One key per form: a double click cancels and refunds once.
 */
export function CancelPaidForm({ reference, cancelled, refundableKes, refundSentence, offReason }: Props) {
  const form = useActionForm<CancelPaidFormResult | null>(cancelPaidOrderAction, null);
  const [key] = useState(() => crypto.randomUUID());
  // The page re-renders with the order cancelled: this form stays mounted there, so its answer stays on screen.
  if (form.success)
    return (
      <section className={card} aria-label="Cancel">
        <ActionMessage
          id="cancel-paid-msg"
          result={{ ok: !form.success.refundFailed, message: form.success.message }}
        />
      </section>
    );
  if (cancelled) return null;
  const refunds = refundableKes > 0;
  return (
    <section className={card} aria-label="Cancel">
      <details open={!!form.state}>
        <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-red-700">
          {refunds ? "Cancel this paid order and refund it" : "Cancel this order"}
        </summary>
        <ActionForm form={form} className="mt-2 space-y-3" data-testid="cancel-paid-form">
          <input type="hidden" name="reference" value={reference} />
          <input type="hidden" name="idempotencyKey" value={key} />
          <RefundReasonFields idPrefix="cancel-paid" form={form} restock />
          {refunds && (
            <p className="rounded-lg bg-amber-50 p-3 text-sm" data-testid="cancel-paid-refund">
              {refundSentence
                ? `Cancelling sends ${refundSentence}.`
                : `Refunds by M-Pesa are off (${offReason}): refund ${formatKes(refundableKes)} by hand; the order stays flagged until you mark it resolved.`}
            </p>
          )}
          <SubmitButton variant="secondary" className="w-full sm:w-auto">
            {refunds && refundSentence
              ? `Cancel order and refund ${formatKes(refundableKes)}`
              : "Cancel order"}
          </SubmitButton>
        </ActionForm>
      </details>
    </section>
  );
}
