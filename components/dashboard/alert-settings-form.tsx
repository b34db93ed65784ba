"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveAlertSettings, sendTestMessage } from "@/lib/notifications/settings-actions";
import { Field, inputClass } from "@/components/ui/text-field";

type Saved = { alertPhones: string[]; alertEmails: string[]; smsEnabled: boolean; emailEnabled: boolean };

export function AlertSettingsForm({ saved }: { saved: Saved }) {
  const [state, action] = useActionState(saveAlertSettings, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const described = (name: string) => ({
    id: `alert-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `alert-${name}-error`,
  });
  return (
    <form action={action} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <Field
        id="alert-alertPhones"
        label="Alert phone numbers"
        errors={errors.alertPhones}
        hint="Up to 5, separated by commas or new lines, e.g. 0712345678"
      >
        <textarea
          {...described("alertPhones")}
          rows={2}
          className={inputClass}
          defaultValue={saved.alertPhones.join("\n")}
        />
      </Field>
      <Field
        id="alert-alertEmails"
        label="Alert emails"
        errors={errors.alertEmails}
        hint="Up to 5; empty: the owner account's email"
      >
        <textarea
          {...described("alertEmails")}
          rows={2}
          className={inputClass}
          defaultValue={saved.alertEmails.join("\n")}
        />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Channels for seller alerts</legend>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input type="checkbox" name="smsEnabled" defaultChecked={saved.smsEnabled} className="h-5 w-5" />
          SMS alerts
        </label>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            name="emailEnabled"
            defaultChecked={saved.emailEnabled}
            className="h-5 w-5"
          />
          Email alerts
        </label>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">Save alert settings</SubmitButton>
        <ActionMessage id="alert-settings-msg" result={state} />
      </div>
    </form>
  );
}

export function TestMessageForm() {
  const [state, action] = useActionState(sendTestMessage, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <SubmitButton variant="secondary" className="min-h-11">
        Send a test message
      </SubmitButton>
      <ActionMessage id="test-message-msg" result={state} />
    </form>
  );
}
