import { drainAfterResponse } from "@/lib/notifications/kick";
import { isOrderPublicId, orderNotFound, readOrderView, settleOrderIfDue } from "@/lib/orders/order-view";
import { sweepAfterResponse } from "@/lib/setup/scheduled-work";

export const dynamic = "force-dynamic";

/** The order page's status, for polling: only what the page shows. Settles an overdue payment first. */
export async function GET(_request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const { publicId } = await params;
  if (!isOrderPublicId(publicId)) return orderNotFound();
  await settleOrderIfDue(publicId);
  const view = await readOrderView(publicId);
  if (!view) return orderNotFound();
  // A status query may just have confirmed the payment: send its messages without waiting for the cron.
  if (view.state === "paid") drainAfterResponse();
  sweepAfterResponse();
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}
