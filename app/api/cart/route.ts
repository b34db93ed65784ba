import { repairStoredCart } from "@/lib/cart/queries";

/**
 * The header's cart count (components/cart/cart-count.tsx): the cached shop pages hold no one's cart. It
 * counts what can still be bought and stores the cart so (each page asks after it loads).
 */
export async function GET() {
  return Response.json(
    { count: await repairStoredCart() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
