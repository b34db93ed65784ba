import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/dashboard/password-reset-forms";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <Link href="/" className="mb-6 text-xl font-bold text-brand-700">
        Duka
      </Link>
      <h1 className="mb-2 text-2xl font-semibold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-stone-600">
        Type the email you sign in with: we send a link to choose a new password.
      </p>
      <div className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <ForgotPasswordForm />
      </div>
      <p className="mt-4 text-sm text-stone-600">
        No working email? Whoever runs the shop&apos;s server can run <code>npm run owner:reset</code>.{" "}
        <Link href="/login" className="inline-block min-h-11 py-3 font-medium text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </main>
  );
}
