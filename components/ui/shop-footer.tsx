export function ShopFooter() {
  return (
    <footer className="border-t border-stone-200 bg-white print:hidden">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600">
        Duka: pay securely with M-Pesa. Prices in Kenyan shillings (KES), VAT inclusive.
      </div>
    </footer>
  );
}
