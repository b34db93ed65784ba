"use client";

import { usePathname, useSearchParams } from "next/navigation";

// 16 px text: iOS Safari zooms the page into a text box whose text is smaller when it gets the focus.
const inputClass = "min-h-11 w-full min-w-0 rounded-lg border border-stone-300 px-3 py-2 text-base";

/** The header's search box; on the results page it shows the query searched for, ready to refine. */
export function SearchInput() {
  const pathname = usePathname();
  const q = useSearchParams().get("q") ?? "";
  const shown = pathname === "/search" ? q : "";
  return (
    <input
      key={shown}
      id="site-search"
      name="q"
      type="search"
      maxLength={100}
      defaultValue={shown}
      placeholder="Search coffee, kikoy…"
      className={inputClass}
    />
  );
}

/** Before the page's address is known (static rendering): the same box, empty. */
export function SearchInputFallback() {
  return (
    <input
      id="site-search"
      name="q"
      type="search"
      maxLength={100}
      placeholder="Search coffee, kikoy…"
      className={inputClass}
    />
  );
}
