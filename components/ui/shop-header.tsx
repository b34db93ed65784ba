import Link from "next/link";
import { Suspense } from "react";
import { SearchInput, SearchInputFallback } from "./search-box";
import { CartCount } from "@/components/cart/cart-count";

/** The same for every shopper (the shop's pages are served from cache): the cart count fills itself in. */
export function ShopHeader() {
  return (
    <header className="sticky top-0 z-10 border-b border-stone-200 bg-white/95 backdrop-blur print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2">
        <Link
          href="/"
          className="inline-flex min-h-11 items-center text-xl font-bold tracking-tight text-brand-700"
        >
          Duka
        </Link>
        <form
          action="/search"
          role="search"
          className="order-last flex w-full gap-2 sm:order-none sm:ml-4 sm:w-auto sm:flex-1"
        >
          <label htmlFor="site-search" className="sr-only">
            Search products
          </label>
          <Suspense fallback={<SearchInputFallback />}>
            <SearchInput />
          </Suspense>
          <button
            type="submit"
            className="min-h-11 rounded-lg bg-stone-800 px-3 py-2 text-sm font-medium text-white hover:bg-stone-700"
          >
            Search
          </button>
        </form>
        <Link
          href="/cart"
          className="ml-auto inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-100"
        >
          Cart
          <CartCount />
        </Link>
      </div>
    </header>
  );
}
