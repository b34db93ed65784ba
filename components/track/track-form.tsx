"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/field";
import { type TrackState, askTrackingCode, openTrackedOrder } from "@/lib/orders/track-actions";

/** Two steps: reference and phone number, then the code sent by SMS to that number. */
export function TrackForm() {
  const [asked, ask] = useActionState<TrackState, FormData>(askTrackingCode, null);
  const [checked, check] = useActionState<TrackState, FormData>(openTrackedOrder, null);
  const state = checked ?? asked;
  const values = state?.values;
  const codeStep = Boolean(checked?.codeSent ?? asked?.codeSent);
  const errors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  const notice = asked?.ok === false && !asked.fieldErrors ? asked.message : null;
  return (
    <div className="space-y-4">
      <form action={ask} className="space-y-4 rounded-xl border border-stone-200 bg-white p-4" noValidate>
        <TextField
          label="Order reference"
          name="reference"
          autoComplete="off"
          placeholder="DK-7Q4M2X"
          hint="In your confirmation SMS or email."
          defaultValue={values?.reference}
          errors={asked?.ok === false ? asked.fieldErrors?.reference : undefined}
          required
        />
        <TextField
          label="Phone number"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="0712 345 678"
          hint="The number you ordered with: the code goes there."
          defaultValue={values?.phone}
          errors={asked?.ok === false ? asked.fieldErrors?.phone : undefined}
          required
        />
        {notice && (
          <p
            role="alert"
            className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            {notice}
          </p>
        )}
        <SubmitButton variant={codeStep ? "secondary" : "primary"} className="w-full py-3">
          {codeStep ? "Send a new code" : "Send me a code"}
        </SubmitButton>
      </form>
      {codeStep && (
        <form
          action={check}
          className="space-y-4 rounded-xl border border-brand-500 bg-white p-4"
          aria-labelledby="code-h"
          noValidate
        >
          <h2 id="code-h" className="font-semibold">
            Enter the code
          </h2>
          <p role="status" className="text-sm text-stone-700">
            {asked?.ok ? asked.message : "Enter the code we sent by SMS."}
          </p>
          <input type="hidden" name="reference" value={values?.reference ?? ""} />
          <input type="hidden" name="phone" value={values?.phone ?? ""} />
          <TextField
            label="6-digit code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            errors={errors.code}
            required
          />
          <SubmitButton className="w-full py-3">See my order</SubmitButton>
        </form>
      )}
    </div>
  );
}
