import { readCappedText } from "@/lib/http/read-capped";
import { receiveDeliveryReport } from "@/lib/notifications/delivery-report";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024;

/** Africa's Talking's SMS delivery reports (lib/notifications/delivery-report.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { text, truncated } = await readCappedText(request, MAX_BODY_BYTES);
  const outcome = await receiveDeliveryReport({ token: token.slice(0, 200), rawBody: text, truncated });
  const close = truncated ? { Connection: "close" } : undefined;
  if (outcome.kind === "not-found")
    return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain", ...close } });
  if (outcome.kind === "invalid")
    return Response.json({ error: outcome.reason }, { status: 400, headers: close });
  return Response.json({ received: true, changed: outcome.changed }, { headers: close });
}
