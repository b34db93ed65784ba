"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/ui/action-message";
import { type FormValues, inputRule } from "@/lib/action-result";
import { lowStockCount } from "@/lib/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveAlertSettings, sendTestMessage } from "@/lib/notifications/settings-actions";
import { STOCK_SUMMARY_HOUR_EAT, STOCK_SUMMARY_UNTIL_HOUR_EAT } from "@/lib/notifications/stock-summary-day";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextArea, TextField } from "@/components/ui/field";

type Saved = {
  alertPhones: string[];
  alertEmails: string[];
  smsEnabled: boolean;
  emailEnabled: boolean;
  lowStockThreshold: number;
  dailyStockSummary: boolean;
};

// The box takes what the server's rule takes (lib/notifications/settings-input.ts checks the same rule).
const lowStock = inputRule(lowStockCount);
const lowStockRange = `${lowStockCount.minValue ?? 0} to ${(lowStockCount.maxValue ?? 0).toLocaleString("en-KE")}`;

const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** One on/off setting: ticked as saved, or as it was sent when the form came back refused. */
function Switch({
  name,
  typed,
  saved,
  hint,
  children,
}: {
  name: "smsEnabled" | "emailEnabled" | "dailyStockSummary";
  typed: FormValues | undefined;
  saved: Saved;
  hint?: React.ReactNode;
  children: React.ReactNode;
}) {
  const hintId = `alert-${name}-hint`;
  return (
    <div>
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input
          type="checkbox"
          name={name}
          defaultChecked={typed ? typed[name] === "on" : saved[name]}
          aria-describedby={hint ? hintId : undefined}
          className="h-5 w-5 shrink-0"
        />
        <span>{children}</span>
      </label>
      {hint && (
        <p id={hintId} className="ml-8 text-xs text-stone-600">
          {hint}
        </p>
      )}
    </div>
  );
}

export function AlertSettingsForm({ saved }: { saved: Saved }) {
  const form = useActionForm(saveAlertSettings, null);
  const { errors, state } = form;
  // After a refusal the form shows what was sent (an unticked box is not sent at all).
  const typed = state && !state.ok ? state.values : undefined;
  return (
    <ActionForm form={form} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
      <TextArea
        id="alert-alertPhones"
        label="Alert phone numbers"
        name="alertPhones"
        rows={2}
        maxLength={500}
        errors={errors.alertPhones}
        hint="Up to 5, separated by commas or new lines, e.g. 0712 345 678"
        defaultValue={typed ? typed.alertPhones : saved.alertPhones.join("\n")}
      />
      <TextArea
        id="alert-alertEmails"
        label="Alert emails"
        name="alertEmails"
        rows={2}
        maxLength={1300}
        errors={errors.alertEmails}
        hint="Up to 5; empty: the owner account's email"
        defaultValue={typed ? typed.alertEmails : saved.alertEmails.join("\n")}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Channels for seller alerts</legend>
        <Switch name="smsEnabled" typed={typed} saved={saved}>
          SMS alerts
        </Switch>
        <Switch name="emailEnabled" typed={typed} saved={saved}>
          Email alerts
        </Switch>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Stock</legend>
        <TextField
          id="alert-lowStockThreshold"
          label="Low stock at"
          name="lowStockThreshold"
          {...lowStock}
          className="max-w-32"
          errors={errors.lowStockThreshold}
          hint={`A whole number from ${lowStockRange}. Stock at or below this is low (a product can set its own). You get one alert each time a product, size or colour gets there.`}
          defaultValue={typed ? typed.lowStockThreshold : String(saved.lowStockThreshold)}
        />
        {/* What lib/notifications/stock-summary.ts does: the first morning window after the switch is saved. */}
        <Switch
          name="dailyStockSummary"
          typed={typed}
          saved={saved}
          hint={`Once a day between ${clock(STOCK_SUMMARY_HOUR_EAT)} and ${clock(STOCK_SUMMARY_UNTIL_HOUR_EAT)} EAT. The first comes this morning if you switch it on before ${clock(STOCK_SUMMARY_UNTIL_HOUR_EAT)} EAT, else tomorrow morning.`}
        >
          Morning stock summary: what is low or sold out (nothing when all is stocked), on the channels above
        </Switch>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton className="min-h-11">Save alert settings</SubmitButton>
        <ActionMessage id="alert-settings-msg" result={form.success} />
      </div>
    </ActionForm>
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
