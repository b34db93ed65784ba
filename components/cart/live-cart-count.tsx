"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import useSWR from "swr";
import { onCartChange } from "./cart-changes";
import { CartCountBadge } from "./cart-count-badge";

type CartSummary = { count: number };

const fetchCount = async (url: string): Promise<CartSummary> => {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return res.json() as Promise<CartSummary>;
};

/**
 * The shopper's own count (/api/cart), read after the page loads, again after each navigation (a checkout
 * empties the cart), and whenever a cart form announces a change (with the new count, or to ask again).
 */
export default function LiveCartCount() {
  const { data, mutate } = useSWR("/api/cart", fetchCount);
  const pathname = usePathname();
  const shownOn = useRef(pathname);
  useEffect(() => {
    if (shownOn.current === pathname) return;
    shownOn.current = pathname;
    void mutate();
  }, [pathname, mutate]);
  useEffect(
    () =>
      onCartChange(
        (count) => void (count === undefined ? mutate() : mutate({ count }, { revalidate: false })),
      ),
    [mutate],
  );
  return <CartCountBadge count={data?.count} />;
}
