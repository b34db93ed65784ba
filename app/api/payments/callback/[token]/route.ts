import { notRecorded, readDarajaPost } from "@/lib/http/daraja-post";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { receiveCallback } from "@/lib/payments/stk/callbacks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

/** Daraja's STK callback: stored, then applied, then acknowledged. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const incoming = await readDarajaPost(request, (await params).token);
  // The rest of an oversize body is left unread: close the connection, or the next request on it would stall.
  const init = incoming.truncated ? { headers: { Connection: "close" } } : undefined;
  try {
    await receiveCallback(incoming);
  } catch (e) {
    return notRecorded("callback.unrecorded", e, init);
  }
  // Messages the callback queued are sent once Daraja has its answer, never before and never inside it.
  drainAfterResponse();
  return Response.json(ACCEPTED, init);
}
