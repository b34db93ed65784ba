"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { auth, signIn, signOut } from "@/auth";
import { type ActionResult, refused } from "@/lib/action-result";
import { revokeSession } from "./revocation";
import { TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS } from "./messages";

export type LoginState = ActionResult | null;

/** Only same-site dashboard paths may be returned to after signing in. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "";
  return /^\/dashboard(\/[\w\-/]*)?(\?[^\s]*)?$/.test(next) ? next : "/dashboard";
}

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const values = { email: String(formData.get("email") ?? "").slice(0, 254) };
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeNext(formData.get("next")),
    });
    return null;
  } catch (e) {
    if (e instanceof CredentialsSignin && e.code === "throttled")
      return refused(TOO_MANY_ATTEMPTS, undefined, values);
    if (e instanceof AuthError) return refused(WRONG_CREDENTIALS, undefined, values);
    throw e; // the redirect after a successful sign-in
  }
}

export async function logout(): Promise<void> {
  const session = await auth();
  if (session?.sid) await revokeSession(session.sid);
  await signOut({ redirectTo: "/login" });
}
