import { getMinutesUntilReservationEnds } from "@/lib/catalog/queries";

/**
 * A sold-out variant's stock held by other shoppers' unpaid orders: the minutes until the first hold ends, or
 * null. Read by the product page (components/catalog/reservation.tsx), which is served from cache.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const minutes = await getMinutesUntilReservationEnds((await params).id);
  return Response.json({ minutes }, { headers: { "Cache-Control": "private, no-store" } });
}
