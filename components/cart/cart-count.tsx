"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

const CART_CHANGED = "duka:cart-changed";

/** Tells the header's count the cart changed: with the new count when known, else it asks the server. */
export function announceCartChange(count?: number) {
  window.dispatchEvent(new CustomEvent(CART_CHANGED, { detail: count }));
}

/**
 * The header's item count. The shop's pages are served from cache, the same for every shopper, so the count
 * is read from the shopper's own cart (/api/cart) after the page loads, on every navigation, and whenever a
 * cart form says it changed. Without JavaScript the Cart link simply shows no number.
 */
export function CartCount() {
  const pathname = usePathname();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      fetch("/api/cart", { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<{ count: number }>) : null))
        .then((body) => current && body && setCount(body.count))
        .catch(() => {});
    const onChange = (e: Event) => {
      const known = (e as CustomEvent<number | undefined>).detail;
      if (typeof known === "number") setCount(known);
      else void load();
    };
    void load();
    window.addEventListener(CART_CHANGED, onChange);
    return () => {
      current = false;
      window.removeEventListener(CART_CHANGED, onChange);
    };
  }, [pathname]);
  return (
    <span
      className="min-w-6 rounded-full bg-brand-600 px-2 py-0.5 text-center text-xs font-semibold text-white"
      data-testid="cart-count"
    >
      {count ?? ""}
    </span>
  );
}

/** Rendered by a page that knows the cart (the cart page): keeps the header's count in step with it. */
export function CartCountSync({ count }: { count: number }) {
  useEffect(() => announceCartChange(count), [count]);
  return null;
}
