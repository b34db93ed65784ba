/** The number beside the header's Cart link; empty until the shopper's own count is known. */
export function CartCountBadge({ count }: { count?: number }) {
  return (
    <span
      className="min-w-6 rounded-full bg-brand-600 px-2 py-0.5 text-center text-xs font-semibold text-white"
      data-testid="cart-count"
    >
      {count ?? ""}
    </span>
  );
}
