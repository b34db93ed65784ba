import { C2B_CONFIRMATION_ACCEPTED } from "@/lib/daraja";
import { notRecorded, readDarajaPost } from "@/lib/http/daraja-post";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { receiveC2bConfirmation } from "@/lib/payments/c2b/confirmations";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** M-Pesa's C2B confirmation: stored, then applied, then acknowledged. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const incoming = await readDarajaPost(request, (await params).token);
  // The rest of an oversize body is left unread: close the connection, or the next request on it would stall.
  const init = incoming.truncated ? { headers: { Connection: "close" } } : undefined;
  try {
    const received = await receiveC2bConfirmation(incoming);
    if (!received)
      return Response.json({ ResultCode: 1, ResultDesc: "Unknown URL" }, { status: 404, ...init });
  } catch (e) {
    return notRecorded("c2b.unrecorded", e, init);
  }
  // A paid or flagged order queued its messages: the shopper's SMS and the seller's alert go now.
  drainAfterResponse();
  return Response.json(C2B_CONFIRMATION_ACCEPTED, init);
}
