"use client";

import Link from "next/link";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { askForResetLink, chooseNewPassword } from "@/lib/auth/reset-actions";
import { forgotInput, newPasswordInput } from "@/lib/auth/reset-input";

const forgotRules = inputRules(forgotInput);
const passwordRules = inputRules(newPasswordInput);

export function ForgotPasswordForm() {
  const form = useActionForm(askForResetLink, null);
  return (
    <ActionForm form={form} className="space-y-4">
      <TextField
        id="email"
        label="Email"
        name="email"
        type="email"
        {...forgotRules.email}
        autoComplete="username"
        defaultValue={form.values.email}
        errors={form.errors.email}
      />
      <SubmitButton className="w-full">Send me a reset link</SubmitButton>
      <ActionMessage id="forgot-msg" result={form.success} />
    </ActionForm>
  );
}

export function NewPasswordForm({ token }: { token: string }) {
  const form = useActionForm(chooseNewPassword, null);
  if (form.success)
    return (
      <div className="space-y-4">
        <p role="status" className="text-sm text-brand-700">
          {form.success.message}
        </p>
        <Link
          href="/login"
          className="flex min-h-11 items-center justify-center rounded-lg bg-brand-600 px-4 py-2 font-medium text-white"
        >
          Sign in
        </Link>
      </div>
    );
  return (
    <ActionForm form={form} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField
        id="password"
        label="New password"
        name="password"
        type="password"
        {...passwordRules.password}
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={form.errors.password}
      />
      <TextField
        id="confirm"
        label="New password again"
        name="confirm"
        type="password"
        {...passwordRules.confirm}
        autoComplete="new-password"
        errors={form.errors.confirm}
      />
      <SubmitButton className="w-full">Set new password</SubmitButton>
    </ActionForm>
  );
}
