import Link from "next/link";

export function ShopFooter() {
  return (
    <footer className="border-t border-stone-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-stone-600">
        <span>Duka: pay securely with M-Pesa. Prices in Kenyan shillings (KES), VAT inclusive.</span>
        {/* Seldom used: not prefetched, or every page would fetch the track form's 35 KB on a phone's data. */}
        <Link
          href="/track"
          prefetch={false}
          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
        >
          Track an order
        </Link>
      </div>
    </footer>
  );
}
