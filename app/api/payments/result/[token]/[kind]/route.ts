import { clientIp } from "@/lib/http/client-ip";
import { readCappedText } from "@/lib/http/read-capped";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { receiveInitiatorResult } from "@/lib/payments/refunds/results";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;
const ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

/**
 * Results of Reversal, B2C and Transaction Status (docs/daraja.md 8.5). Always 200: a result we could not
 * store is recovered by the reconcile job's Transaction Status query, never by a redelivery.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ token: string; kind: string }> },
) {
  const { token, kind } = await params;
  if (kind !== "done" && kind !== "timeout") return Response.json({ error: "Not found" }, { status: 404 });
  try {
    const { text } = await readCappedText(request, MAX_BODY_BYTES);
    await receiveInitiatorResult({
      token: token.slice(0, 200),
      kind,
      rawBody: text,
      sourceIp: clientIp(request.headers),
    });
  } catch (e) {
    console.error(
      JSON.stringify({
        scope: "payments",
        event: "initiator.result.unrecorded",
        error: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  drainAfterResponse();
  return Response.json(ACCEPTED);
}
