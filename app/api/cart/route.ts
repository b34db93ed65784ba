import { readCartLines } from "@/lib/cart/cart-cookie";
import { itemCount } from "@/lib/cart/cart-lines";

/** The header's cart count (components/cart/cart-count.tsx): the cached shop pages hold no one's cart. */
export async function GET() {
  return Response.json(
    { count: itemCount(await readCartLines()) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
