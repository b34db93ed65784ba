"use client";

import { useState } from "react";

/**
 * On a phone the filters beyond search fold behind one button (open when a filter is already in use);
 * from md up they are always shown. Their fields stay items of the form's grid (display: contents).
 */
export function CollapsibleFilters({ active, children }: { active: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(active > 0);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="more-filters"
        onClick={() => setOpen(!open)}
        className="col-span-2 min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-left text-sm font-medium md:hidden"
      >
        {open ? "Hide filters" : `Filters${active > 0 ? ` (${active} in use)` : ""}`}
      </button>
      <div id="more-filters" className={open ? "contents" : "hidden md:contents"}>
        {children}
      </div>
    </>
  );
}
