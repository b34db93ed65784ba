"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createStaff, resetStaffPassword, setStaffDisabled } from "@/lib/dashboard/staff-actions";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextField, inputClass } from "@/components/ui/field";
import { inputRules } from "@/lib/action-result";
import { newStaffInput } from "@/lib/dashboard/staff-input";

const rules = inputRules(newStaffInput);

export function CreateStaffForm() {
  const form = useActionForm(createStaff, null);
  const { errors, values } = form;
  return (
    <ActionForm
      form={form}
      resetOnSuccess
      className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-3"
    >
      <TextField
        id="staff-name"
        label="Name"
        name="name"
        {...rules.name}
        autoComplete="off"
        defaultValue={values.name}
        errors={errors.name}
      />
      <TextField
        id="staff-email"
        label="Email"
        name="email"
        type="email"
        {...rules.email}
        autoComplete="off"
        defaultValue={values.email}
        errors={errors.email}
      />
      <TextField
        id="staff-password"
        label="Password"
        name="password"
        type="password"
        {...rules.password}
        autoComplete="new-password"
        hint="At least 10 characters; tell them in person"
        errors={errors.password}
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <SubmitButton>Create staff account</SubmitButton>
        <ActionMessage id="create-staff-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}

export function ResetPasswordForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(resetStaffPassword, null);
  const error = state && !state.ok ? state.fieldErrors?.password : undefined;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="id" value={id} />
      <div>
        <label htmlFor={`reset-${id}`} className="text-xs font-medium">
          New password for {name}
        </label>
        <input
          id={`reset-${id}`}
          name="password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          aria-describedby={`reset-${id}-msg`}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <SubmitButton variant="secondary" className="text-sm">
        Reset password
      </SubmitButton>
      <ActionMessage
        id={`reset-${id}-msg`}
        result={state && { ok: state.ok, message: error?.join(" ") ?? state.message }}
      />
    </form>
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
