"use client";

import { useEffect } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { PhoneField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { type TrackState, askTrackingCode, openTrackedOrder } from "@/lib/orders/track-actions";
import { trackCodeInput, trackLookupInput } from "@/lib/orders/track-input";

const lookupRules = inputRules(trackLookupInput);
const codeRules = inputRules(trackCodeInput);

/** Two steps: reference and phone number, then the code sent by SMS to that number. */
export function TrackForm() {
  const asked = useActionForm<TrackState>(askTrackingCode, null, lookupRules);
  const checked = useActionForm<TrackState>(openTrackedOrder, null, codeRules);
  // The order the code was sent for: the last ask that sent one, else the one the code step came back with.
  const sentFor = asked.state?.codeSent
    ? asked.state.values
    : checked.state?.codeSent && checked.state.values;
  // Each code sent: the code box, below the fold on a phone, takes focus (the SMS code keyboard comes up
  // and a screen reader reads its label). Otherwise the screen shows only the button's new wording.
  const sent = asked.state?.codeSent ? asked.state : null;
  useEffect(() => {
    const box = sent && document.getElementById("field-code");
    if (!box) return;
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: "center", behavior: "instant" });
  }, [sent]);
  return (
    <div className="space-y-4">
      <ActionForm form={asked} className="space-y-4 rounded-xl border border-stone-200 bg-white p-4">
        <TextField
          label="Order reference"
          autoComplete="off"
          placeholder="DK-7Q4M2X"
          hint="In your confirmation SMS or email."
          {...asked.field("reference")}
          required
        />
        <PhoneField
          label="Phone number"
          autoComplete="tel"
          hint="The number you ordered with: the code goes there."
          {...asked.field("phone")}
          required
        />
        <SubmitButton variant={sentFor ? "secondary" : "primary"} className="w-full py-3">
          {sentFor ? "Send a new code" : "Send me a code"}
        </SubmitButton>
      </ActionForm>
      {sentFor && (
        <ActionForm
          form={checked}
          className="space-y-4 rounded-xl border border-brand-500 bg-white p-4"
          aria-labelledby="code-h"
        >
          <h2 id="code-h" className="font-semibold">
            Enter the code
          </h2>
          <p role="status" className="text-sm text-stone-700">
            {asked.success?.message ?? "Enter the code we sent by SMS."}
          </p>
          <input type="hidden" name="reference" value={sentFor.reference} />
          <input type="hidden" name="phone" value={sentFor.phone} />
          <TextField
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            {...checked.field("code")}
            required
          />
          <SubmitButton className="w-full py-3">See my order</SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}
