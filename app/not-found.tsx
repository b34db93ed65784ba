import Link from "next/link";
import { connection } from "next/server";

/**
 * Rendered per request, not prerendered: a static page's scripts would carry no CSP nonce (proxy.ts makes a
 * fresh one per request), the browser would refuse them all and the page would never hydrate.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-5xl font-bold text-brand-700">404</p>
      <h1 className="text-xl font-semibold">We could not find that page</h1>
      <p className="text-stone-600">The product or page may have moved, or the link is mistyped.</p>
      <Link href="/" className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        Back to the shop
      </Link>
    </main>
  );
}
