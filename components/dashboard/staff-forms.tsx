"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createStaff, resetStaffPassword, setStaffDisabled } from "@/lib/dashboard/staff-actions";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { newStaffInput, resetStaffInput } from "@/lib/dashboard/staff-input";

const rules = inputRules(newStaffInput);
const passwordRules = inputRules(resetStaffInput);

export function CreateStaffForm() {
  const form = useActionForm(createStaff, null, rules);
  return (
    <ActionForm
      form={form}
      resetOnSuccess
      className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-3"
    >
      <TextField id="staff-name" label="Name" {...form.field("name")} autoComplete="off" />
      <TextField id="staff-email" label="Email" type="email" {...form.field("email")} autoComplete="off" />
      <TextField
        id="staff-password"
        label="Password"
        type="password"
        {...form.field("password")}
        autoComplete="new-password"
        hint="At least 10 characters; tell them in person"
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <SubmitButton>Create staff account</SubmitButton>
        <ActionMessage id="create-staff-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}

export function ResetPasswordForm({ id, name }: { id: string; name: string }) {
  const form = useActionForm(resetStaffPassword, null, passwordRules);
  return (
    <ActionForm form={form} resetOnSuccess className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          id={`reset-${id}`}
          label={`New password for ${name}`}
          type="password"
          {...form.field("password")}
          autoComplete="new-password"
        />
        <SubmitButton variant="secondary" className="text-sm">
          Reset password
        </SubmitButton>
      </div>
      <ActionMessage id={`reset-${id}-msg`} result={form.success} />
    </ActionForm>
  );
}

export function DisableForm({ id, disabled }: { id: string; disabled: boolean }) {
  const [state, action] = useActionState(setStaffDisabled, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton variant={disabled ? "secondary" : "danger"} className="text-sm">
        {disabled ? "Enable account" : "Disable account"}
      </SubmitButton>
      <ActionMessage id={`disable-${id}-msg`} result={state} />
    </form>
  );
}
