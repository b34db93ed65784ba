import { notRecorded, readDarajaPost } from "@/lib/http/daraja-post";
import { applyAfterAck } from "@/lib/payments/stk/apply-after-ack";
import { recordCallback } from "@/lib/payments/stk/callbacks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

/**
 * Daraja's STK callback: stored, acknowledged, then applied. Only the store is before the answer: Daraja
 * sends each callback once, and a 5xx here means it could not be stored.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const incoming = await readDarajaPost(request, (await params).token);
  // The rest of an oversize body is left unread: close the connection, or the next request on it would stall.
  const init = incoming.truncated ? { headers: { Connection: "close" } } : undefined;
  let recorded;
  try {
    recorded = await recordCallback(incoming);
  } catch (e) {
    return notRecorded("callback.unrecorded", e, init);
  }
  if (recorded.apply) applyAfterAck(recorded.apply);
  return Response.json(ACCEPTED, init);
}
