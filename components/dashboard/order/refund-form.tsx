"use client";

import { useState } from "react";
import { ActionForm, type FormFields, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormValues } from "@/lib/action-result";
import { type RefundFormResult, refundOrder } from "@/lib/dashboard/refund-actions";
import { formatKes } from "@/lib/format";
import { card } from "./card";
import { RefundReasonFields } from "./refund-reason-fields";

type Props = { reference: string; refundableKes: number };

/**
 * The owner's refund: amount (everything left by default), reason, restock; then a confirm step that says
 * exactly what will happen, and sends exactly what it said (the reviewed values, the fields locked until
 * "Change"). On the one form pattern, so nothing typed or chosen is reset by a submit. One key per form: a
 * double click or a second press sends one refund.
 */
export function RefundForm(props: Props) {
  // A refund M-Pesa refused at once: "Try again" starts a fresh form (a new key: a new refund), open and
  // filled with what was sent.
  const [retry, setRetry] = useState<{ round: number; values: FormValues } | null>(null);
  return (
    <RefundRound
      key={retry?.round ?? 0}
      {...props}
      sent={retry?.values ?? null}
      again={(values) => setRetry((r) => ({ round: (r?.round ?? 0) + 1, values }))}
    />
  );
}

type RoundProps = Props & { sent: FormValues | null; again: (values: FormValues) => void };

function RefundRound({ reference, refundableKes, sent, again }: RoundProps) {
  const form = useActionForm<RefundFormResult | null>(refundOrder, null);
  const [key] = useState(() => crypto.randomUUID());
  // Before this round's first answer, the fields show what the refused try sent.
  const fields: FormFields =
    sent && !form.state
      ? {
          field: (name, shown) => form.field(name, sent[name] ?? shown),
          checkbox: (name) => form.checkbox(name, sent[name] === "on"),
        }
      : form;
  // The confirm step the seller chose to change: the fields open again, as they were.
  const [changed, setChanged] = useState<RefundFormResult | null>(null);
  const reviewed =
    form.state?.ok && form.state.step === "confirm" && form.state !== changed ? form.state : null;
  if (form.state?.ok && form.state.step === "sent")
    return (
      <section className={card} aria-label="Refund">
        <ActionMessage id="refund-msg" result={{ ok: !form.state.failed, message: form.state.message }} />
        {form.state.failed && (
          <button
            type="button"
            onClick={() => again(form.state?.values ?? {})}
            className="mt-2 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100 sm:w-auto"
          >
            Try again
          </button>
        )}
      </section>
    );
  // Nothing left to refund (the page after this form's own send keeps it mounted for the answer above).
  if (refundableKes <= 0) return null;
  const v = reviewed?.values ?? {};
  return (
    <section className={card} aria-label="Refund">
      <details open={!!form.state || !!sent}>
        <summary className="flex min-h-11 cursor-pointer items-center font-semibold">Refund</summary>
        <ActionForm form={form} className="mt-2 space-y-3" data-testid="refund-form">
          <input type="hidden" name="reference" value={reference} />
          <input type="hidden" name="idempotencyKey" value={key} />
          <fieldset disabled={!!reviewed} className="space-y-3">
            <TextField
              label="Amount (KES)"
              id="refund-amount"
              inputMode="numeric"
              hint={`At most ${formatKes(refundableKes)}`}
              {...fields.field("amountKes", String(refundableKes))}
            />
            <RefundReasonFields idPrefix="refund" form={fields} restock={false} />
          </fieldset>
          {reviewed ? (
            <div className="space-y-2 rounded-lg bg-amber-50 p-3" data-testid="refund-confirm">
              {/* Disabled fields are not sent: what was reviewed goes with the confirm. */}
              {(["amountKes", "reason", "note", "restock"] as const).map((name) =>
                v[name] !== undefined ? <input key={name} type="hidden" name={name} value={v[name]} /> : null,
              )}
              <p className="font-medium">{reviewed.sentence}.</p>
              <p className="text-sm" data-testid="refund-confirm-reason">
                Reason: {v.reason}
                {v.note ? `: ${v.note}` : ""}
                {v.restock === "on" ? ". The items go back in stock." : ". The stock stays as it is."}
              </p>
              <div className="flex flex-wrap gap-2">
                <SubmitButton name="step" value="send" className="w-full sm:w-auto">
                  Send the refund
                </SubmitButton>
                <button
                  type="button"
                  onClick={() => setChanged(reviewed)}
                  className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100 sm:w-auto"
                >
                  Change
                </button>
              </div>
            </div>
          ) : (
            <SubmitButton name="step" value="review" className="w-full sm:w-auto">
              Review refund
            </SubmitButton>
          )}
          {!reviewed && <ActionMessage id="refund-msg" result={form.success} />}
        </ActionForm>
      </details>
    </section>
  );
}
