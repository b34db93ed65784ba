"use client";

import type { ReactNode } from "react";
import useSWR from "swr";
import { variantNamedByQuery } from "@/lib/catalog/old-variant-links";

type Reservation = { minutes: number | null };

const fetchReservation = async (url: string): Promise<Reservation> => {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return res.json() as Promise<Reservation>;
};

/** ./product-islands.tsx LiveSoldOut once loaded: the badge and the note read one request (SWR). */
export default function LiveReservation({
  variantId,
  reserved,
  soldOut,
}: {
  variantId: string;
  reserved?: ReactNode;
  soldOut: ReactNode;
}) {
  const { data } = useSWR(`/api/variants/${encodeURIComponent(variantId)}/reservation`, fetchReservation, {
    refreshInterval: 60_000,
  });
  const minutes = data?.minutes ?? null;
  if (minutes === null) return soldOut;
  return (
    reserved ?? (
      <p role="status" className="text-sm text-stone-600">
        Reserved by other shoppers: check back in {minutes} minute{minutes === 1 ? "" : "s"}.
      </p>
    )
  );
}

/** ./product-islands.tsx VariantFromOldLink once loaded. */
export function openVariantNamedByQuery(
  options: { name: string; values: string[] }[],
  variants: { optionValues: string[]; stock: number; href: string }[],
) {
  const named = variantNamedByQuery(options, variants, new URLSearchParams(window.location.search));
  if (named) window.location.replace(named.href);
}
