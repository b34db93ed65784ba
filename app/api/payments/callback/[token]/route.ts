import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { readCappedText } from "@/lib/http/read-capped";
import { drainAfterResponse } from "@/lib/notifications/kick";
import { receiveCallback } from "@/lib/payments/stk/callbacks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;
const HEADERS_OF_INTEREST = [
  "businessshortcode",
  "content-type",
  "user-agent",
  "x-forwarded-for",
  "x-vercel-forwarded-for",
];
const ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { text, truncated } = await readCappedText(request, MAX_BODY_BYTES);
  const sourceIp = clientIp(request.headers);
  const allowlist = env.mpesa.callbackIps;
  try {
    await receiveCallback({
      token: token.slice(0, 200),
      rawBody: text,
      truncated,
      sourceIp,
      ipAllowed: allowlist.length === 0 || (sourceIp !== null && allowlist.includes(sourceIp)),
      headers: Object.fromEntries(
        HEADERS_OF_INTEREST.flatMap((h) => (request.headers.has(h) ? [[h, request.headers.get(h)!]] : [])),
      ),
    });
  } catch (e) {
    // Not recorded: a 5xx is the only honest answer (Daraja does not redeliver; reconcile will query).
    console.error(
      JSON.stringify({
        scope: "payments",
        event: "callback.unrecorded",
        error: e instanceof Error ? e.message : String(e),
      }),
    );
    return Response.json({ ResultCode: 1, ResultDesc: "Not recorded" }, { status: 503 });
  }
  // Messages the callback queued are sent once Daraja has its answer, never before and never inside it.
  drainAfterResponse();
  // The rest of an oversize body is left unread: close the connection, or the next request on it would stall.
  return Response.json(ACCEPTED, truncated ? { headers: { Connection: "close" } } : undefined);
}
