"use client";

import useSWR from "swr";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { PhoneField } from "@/components/ui/field";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TestPaymentState, sendTestPayment } from "@/lib/setup/test-payment-action";

type Status = { state: string; receipt: string | null; failureMessage: string | null };

const fetchStatus = async (url: string): Promise<Status> => {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return res.json();
};

/** Follows the test order through the same status endpoint the shopper's order page polls. */
function LiveResult({ publicId }: { publicId: string }) {
  const { data } = useSWR(`/api/orders/${publicId}`, fetchStatus, {
    refreshInterval: (latest) =>
      latest && latest.state !== "waiting" && latest.state !== "unknown" ? 0 : 2000,
  });
  const state = data?.state ?? "waiting";
  const text =
    state === "paid"
      ? `Paid: M-Pesa receipt ${data?.receipt ?? "pending"}. Your shop can take payments.`
      : state === "waiting" || state === "unknown"
        ? "Waiting for you to approve the prompt on your phone…"
        : `Not paid (${state}): ${data?.failureMessage ?? "the prompt was not completed"}.`;
  return (
    <p
      role="status"
      aria-live="polite"
      aria-busy={state === "waiting" || state === "unknown"}
      data-testid="test-payment-result"
      data-state={state}
      className="rounded-lg bg-stone-50 p-3 text-sm"
    >
      {text}
    </p>
  );
}

export function TestPaymentForm({ phone }: { phone: string }) {
  const form = useActionForm<TestPaymentState>(sendTestPayment, null);
  const { state } = form;
  return (
    <section
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
      aria-labelledby="test-payment"
    >
      <h2 id="test-payment" className="font-semibold">
        Prove the loop with KES 1
      </h2>
      <p className="text-sm text-stone-600">
        Sends a real M-Pesa prompt of KES 1 to your phone and follows it to the end. Test payments are marked
        as tests and left out of your revenue.
      </p>
      <ActionForm form={form} className="space-y-3">
        <PhoneField
          id="phone"
          label="Your M-Pesa phone number"
          maxLength={20}
          autoComplete="tel"
          {...form.field("phone", phone)}
        />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton className="min-h-11 w-full sm:w-auto">
            Send a KES 1 test payment to my phone
          </SubmitButton>
          <ActionMessage id="test-payment-msg" result={form.success} />
        </div>
      </ActionForm>
      {state?.ok && state.publicId && <LiveResult key={state.publicId} publicId={state.publicId} />}
    </section>
  );
}
