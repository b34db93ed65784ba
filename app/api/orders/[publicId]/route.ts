import { drainAfterResponse } from "@/lib/notifications/kick";
import { getOrderView } from "@/lib/orders/order-view";

export const dynamic = "force-dynamic";

/** The order page's status, for polling: only what the page shows. */
export async function GET(_request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const { publicId } = await params;
  const view = /^[A-Za-z0-9_-]{10,64}$/.test(publicId) ? await getOrderView(publicId) : null;
  if (!view) return Response.json({ error: "Order not found" }, { status: 404 });
  // A status query may just have confirmed the payment: send its messages without waiting for the cron.
  if (view.state === "paid") drainAfterResponse();
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}
