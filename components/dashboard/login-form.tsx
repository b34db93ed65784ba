"use client";

import { useActionState } from "react";
import { login } from "@/lib/auth/actions";
import { SubmitButton } from "@/components/ui/submit-button";

const input = "mt-1 w-full rounded-lg border border-stone-300 px-3 py-2";

export function LoginForm({ next }: { next?: string }) {
  const [state, action] = useActionState(login, null);
  return (
    <form action={action} className="space-y-4" aria-describedby="login-error">
      <input type="hidden" name="next" value={next ?? ""} />
      <div>
        <label htmlFor="email" className="text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className={input} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={input}
        />
      </div>
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700">
        {state?.message}
      </p>
      <SubmitButton className="w-full">Sign in</SubmitButton>
    </form>
  );
}
