import { z } from "zod";
import { getMinutesUntilReservationEnds } from "@/lib/catalog/queries";

export const dynamic = "force-dynamic";

// Variant ids are cuids (or "v" and the product's, from the variants migration): anything else names no variant.
const variantId = z.string().regex(/^[\w-]{1,64}$/);

/**
 * A sold-out variant's stock held by other shoppers' unpaid orders: the minutes until the first hold ends, or
 * null. Read by the product page (components/catalog/product-live.tsx), which is served from cache.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = variantId.safeParse((await params).id);
  if (!id.success)
    return Response.json(
      { error: "not a variant id" },
      { status: 404, headers: { "Cache-Control": "no-store" } },
    );
  const minutes = await getMinutesUntilReservationEnds(id.data);
  // The same answer for every shopper: a CDN may hold it a few seconds in a rush on one product.
  return Response.json({ minutes }, { headers: { "Cache-Control": "public, max-age=0, s-maxage=10" } });
}
