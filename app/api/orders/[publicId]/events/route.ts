import { isOrderPublicId, orderNotFound } from "@/lib/orders/order-view";
import { openOrderStream } from "@/lib/orders/order-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// The stream ends itself after LIVE_STREAM_SECONDS (default 55) and the browser reconnects: keep that below.
export const maxDuration = 60;

/** The order page's live status (server-sent events): the status endpoint's JSON at connect and on change. */
export async function GET(request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const { publicId } = await params;
  const stream = isOrderPublicId(publicId) ? await openOrderStream(request, publicId) : null;
  return stream ?? orderNotFound();
}
