"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** The tab bar's "More": a <details> that closes once one of its pages opens, so it never covers that page. */
export function MoreMenu({ className, children }: { className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className={className}>
      {children}
    </details>
  );
}
