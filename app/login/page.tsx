import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/dashboard/login-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Seller sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await getSessionUser()) redirect("/dashboard");
  const { callbackUrl } = await searchParams;
  // The proxy sends a full URL; keep only its dashboard path (the action checks it again).
  let next: string | undefined;
  try {
    const u = callbackUrl ? new URL(callbackUrl, "http://x") : undefined;
    if (u?.pathname.startsWith("/dashboard")) next = u.pathname + u.search;
  } catch {
    next = undefined;
  }
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <Link href="/" className="mb-6 text-xl font-bold text-brand-700">
        Duka
      </Link>
      <h1 className="mb-4 text-2xl font-semibold">Seller sign in</h1>
      <div className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <LoginForm next={next} />
      </div>
    </main>
  );
}
