"use client";

import { Suspense, lazy, useEffect } from "react";
import { announceCartChange } from "./cart-changes";
import { CartCountBadge } from "./cart-count-badge";

// Loaded after the page is interactive, outside its first-load JavaScript: the shop's pages are served from
// cache, the same for every shopper, so the count is never in their HTML anyway.
const LiveCartCount = lazy(() => import("./live-cart-count"));

/** The header's item count. Without JavaScript the Cart link simply shows no number. */
export function CartCount() {
  return (
    <Suspense fallback={<CartCountBadge />}>
      <LiveCartCount />
    </Suspense>
  );
}

/** Rendered by a page that knows the cart (the cart page): keeps the header's count in step with it. */
export function CartCountSync({ count }: { count: number }) {
  useEffect(() => announceCartChange(count), [count]);
  return null;
}
