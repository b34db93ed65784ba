"use client";

import Link from "next/link";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { login } from "@/lib/auth/actions";

export function LoginForm({ next }: { next?: string }) {
  const form = useActionForm(login, null);
  return (
    <ActionForm form={form} className="space-y-4">
      <input type="hidden" name="next" value={next ?? ""} />
      <TextField
        id="email"
        label="Email"
        name="email"
        type="email"
        inputMode="email"
        maxLength={254}
        autoComplete="username"
        defaultValue={form.values.email}
        required
      />
      <TextField
        id="password"
        label="Password"
        name="password"
        type="password"
        maxLength={200}
        autoComplete="current-password"
        required
      />
      <SubmitButton className="w-full">Sign in</SubmitButton>
      <p className="text-center text-sm">
        <Link
          href="/login/forgot"
          className="inline-block min-h-11 py-3 font-medium text-brand-700 underline"
        >
          Forgot password?
        </Link>
      </p>
    </ActionForm>
  );
}
