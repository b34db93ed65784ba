"use server";

import { headers } from "next/headers";
import { type ActionResult, fieldErrorsOf, refused } from "@/lib/action-result";
import { clientIp } from "@/lib/http/client-ip";
import { linkProblem, requestPasswordReset, resetPasswordWithLink } from "./password-reset";
import { forgotInput, newPasswordInput } from "./reset-input";

export type ForgotState = ActionResult | null;
export type NewPasswordState = ActionResult<{ email?: string }> | null;

const SENT =
  "If that email belongs to a seller account, a link to reset its password is on its way (and by SMS to the " +
  "owner's phone). It works once, within 30 minutes.";

export async function askForResetLink(_prev: ForgotState, formData: FormData): Promise<ForgotState> {
  const values = { email: String(formData.get("email") ?? "").slice(0, 254) };
  const parsed = forgotInput.safeParse(values);
  if (!parsed.success) return refused("Check your email address.", fieldErrorsOf(parsed.error), values);
  const result = await requestPasswordReset(parsed.data.email, clientIp(await headers()));
  if (!result.ok)
    return refused(
      "Too many reset requests: wait an hour, or ask the shop's developer to run npm run owner:reset.",
      undefined,
      values,
    );
  return { ok: true, message: SENT, values };
}

export async function chooseNewPassword(
  _prev: NewPasswordState,
  formData: FormData,
): Promise<NewPasswordState> {
  const parsed = newPasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return refused("Check the new password.", fieldErrorsOf(parsed.error));
  const result = await resetPasswordWithLink(parsed.data.token, parsed.data.password);
  if (!result.ok) return refused(linkProblem(result));
  return {
    ok: true,
    message: "Password changed. Every device signed in to this account has been signed out.",
    email: result.email,
  };
}
