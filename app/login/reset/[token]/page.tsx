import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/dashboard/password-reset-forms";
import { checkResetLink, linkProblem } from "@/lib/auth/password-reset";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkResetLink(token);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <Link href="/" className="mb-6 text-xl font-bold text-brand-700">
        Duka
      </Link>
      <h1 className="mb-4 text-2xl font-semibold">Choose a new password</h1>
      <div className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        {link.ok ? (
          <>
            <p className="mb-4 text-sm text-stone-600">
              For <strong className="break-all">{link.email}</strong>. Every device signed in to this account
              will be signed out.
            </p>
            <NewPasswordForm token={token} />
          </>
        ) : (
          <div className="space-y-4">
            <p role="alert" className="text-sm text-red-800">
              {linkProblem(link)}
            </p>
            <Link
              href="/login/forgot"
              className="flex min-h-11 items-center justify-center rounded-lg bg-brand-600 px-4 py-2 font-medium text-white"
            >
              Ask for a new link
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
