"use client";

import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Field, PhoneField, inputClass } from "@/components/ui/field";
import { useEventStream } from "@/components/ui/use-event-stream";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { blockNumberAction, recordCashAction, sendDoorPromptAction } from "@/lib/dashboard/door-actions";
import { inputRules } from "@/lib/action-result";
import { doorPromptInput } from "@/lib/dashboard/door-input";
import { formatKes } from "@/lib/format";
import type { OrderView } from "@/lib/orders/order-view";
import { card } from "./card";

/** failure: the latest failed prompt in the seller's words, as the page was rendered (null if none). */
type Props = { initial: OrderView; reference: string; failure: string | null };

const rules = inputRules(doorPromptInput);

/** What the seller's phone says about the payment right now. */
function statusLine(view: OrderView, failure: string | null): string {
  if (view.state === "paid")
    return `Paid${view.paidInCash ? " in cash" : view.receipt ? ` · M-Pesa ${view.receipt}` : ""}`;
  if (view.state === "waiting") return `Prompt sent to ${view.phoneMasked}: waiting for the PIN…`;
  if (view.state === "unknown")
    return "M-Pesa did not confirm the prompt was sent: if it rings, the PIN still works.";
  // Never the shopper's failureMessage: it speaks to the payer ("You cancelled…").
  if (view.state === "failed") return failure ?? "The payment did not go through.";
  if (view.state === "cancelled") return "Cancelled";
  return "Not paid yet";
}

/**
 * At the door: "Send M-Pesa prompt" (to the customer's number or one typed), the answer live from the
 * order's stream, Pay Bill details when the prompt cannot reach the phone, cash, or blocking the number.
 */
export function DoorPayment({ initial, reference, failure }: Props) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [, setStreaming] = useState(false);
  const prompt = useActionForm(sendDoorPromptAction, null, rules);
  const [blocked, blockAction] = useActionState(blockNumberAction, null);
  const [cash, cashAction] = useActionState(recordCashAction, null);
  const onEvent = useCallback((next: OrderView) => setView(next), []);
  const live = view.state !== "paid" && view.state !== "cancelled" && view.state !== "expired";
  useEventStream(live ? `/api/orders/${initial.publicId}/events` : null, onEvent, setStreaming);
  // Paid or cancelled: the rest of the page (badges, receipt, fulfilment) follows.
  useEffect(() => {
    if (!live) router.refresh();
  }, [live, router]);
  // The stream carries the shopper's view: a failure it brings that the page was not rendered with is
  // fetched again for the seller's words (shown meanwhile without a reason rather than a stale one).
  const rendered = initial.state === "failed" && initial.failureMessage === view.failureMessage;
  const newFailure = view.state === "failed" && !rendered;
  useEffect(() => {
    if (newFailure) router.refresh();
  }, [newFailure, view.failureMessage, router]);
  const pay = view.payByHand;
  return (
    <section className={`${card} space-y-3`} aria-labelledby="door-h" data-testid="door-payment">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="door-h" className="font-semibold">
          Collect payment
        </h2>
        <span className="text-lg font-semibold">{formatKes(pay?.amountKes ?? view.totalKes)}</span>
      </div>
      <p
        role="status"
        aria-live="polite"
        aria-busy={view.state === "waiting"}
        data-testid="door-status"
        data-state={view.state}
        className={
          view.state === "paid"
            ? "rounded-lg bg-brand-50 p-3 text-lg font-semibold text-brand-700"
            : "rounded-lg bg-stone-50 p-3 text-sm"
        }
      >
        {statusLine(view, rendered ? failure : null)}
      </p>
      {live && (
        <>
          <ActionForm form={prompt} className="space-y-2">
            <input type="hidden" name="reference" value={reference} />
            <PhoneField
              id="door-phone"
              label="M-Pesa number (optional)"
              autoComplete="off"
              hint="Leave empty to prompt the customer's own number."
              {...prompt.field("phone")}
            />
            <SubmitButton className="w-full py-3 text-lg" disabled={view.state === "waiting"}>
              Send M-Pesa prompt
            </SubmitButton>
            <ActionMessage id="door-msg" result={prompt.success} />
          </ActionForm>
          {pay && (
            <details className="rounded-lg border border-stone-200 p-3" open={pay.suggested}>
              <summary className="min-h-11 cursor-pointer py-2 font-medium">
                No prompt? Pay Bill instead
              </summary>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-stone-600">{pay.kind === "till" ? "Till number" : "Business number"}</dt>
                <dd className="font-mono font-semibold">{pay.businessNumber}</dd>
                {pay.accountNumber && (
                  <>
                    <dt className="text-stone-600">Account number</dt>
                    <dd className="font-mono font-semibold">{pay.accountNumber}</dd>
                  </>
                )}
                <dt className="text-stone-600">Amount</dt>
                <dd className="font-semibold">{formatKes(pay.amountKes)}</dd>
              </dl>
              <p className="mt-1 text-xs text-stone-600">This page turns Paid when M-Pesa confirms it.</p>
            </details>
          )}
          <details className="rounded-lg border border-stone-200 p-3">
            <summary className="min-h-11 cursor-pointer py-2 font-medium">Paid in cash instead</summary>
            <form action={cashAction} className="mt-2 space-y-2">
              <input type="hidden" name="reference" value={reference} />
              <Field id="cash-note" label="Note (optional)" hint="e.g. who took the cash">
                <input name="note" maxLength={200} className={inputClass} />
              </Field>
              <SubmitButton variant="secondary" className="w-full" disabled={view.state === "waiting"}>
                Record {formatKes(pay?.amountKes ?? view.totalKes)} paid in cash
              </SubmitButton>
              <ActionMessage id="cash-msg" result={cash} />
            </form>
          </details>
          <form
            action={blockAction}
            className="flex flex-wrap items-center gap-3 border-t border-stone-200 pt-3"
          >
            <input type="hidden" name="reference" value={reference} />
            <SubmitButton variant="secondary">Block this number from paying on delivery</SubmitButton>
            <ActionMessage id="block-msg" result={blocked} />
          </form>
        </>
      )}
    </section>
  );
}
