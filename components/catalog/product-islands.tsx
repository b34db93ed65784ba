"use client";

import { type ReactNode, Suspense, lazy, useEffect } from "react";

/*
 * The product page is the same HTML for everyone, served from cache. What it cannot hold is done in the
 * browser, by code loaded after the page (./product-live.tsx, outside its first-load JavaScript).
 */
const live = () => import("./product-live");
const LiveReservation = lazy(live);

/**
 * A sold-out variant may only be held by other shoppers' unpaid orders for a few minutes: the browser asks
 * (/api/variants/<id>/reservation) and shows `reserved`, or by default when to check back. Until it knows,
 * and without JavaScript, `children` (sold out) stands.
 */
export function LiveSoldOut({
  variantId,
  reserved,
  children,
}: {
  variantId: string;
  reserved?: ReactNode;
  children: ReactNode;
}) {
  if (!variantId) return children;
  return (
    <Suspense fallback={children}>
      <LiveReservation variantId={variantId} reserved={reserved} soldOut={children} />
    </Suspense>
  );
}

type OldLinkProps = {
  options: { name: string; values: string[] }[];
  variants: { optionValues: string[]; stock: number; href: string }[];
};

/**
 * A link shared before each variant had its own address (`?colour=Red&size=M`) lands on the product's own
 * page: the browser reads the query and moves on to the variant's page. Without JavaScript such a link shows
 * the product's default variant. (`?variant=<id>` is redirected by next.config.ts before it gets here.)
 */
export function VariantFromOldLink({ options, variants }: OldLinkProps) {
  useEffect(() => {
    if (window.location.search) void live().then((m) => m.openVariantNamedByQuery(options, variants));
  }, [options, variants]);
  return null;
}
