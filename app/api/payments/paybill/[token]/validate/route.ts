import { c2bValidationAnswer } from "@/lib/daraja";
import { readDarajaPost } from "@/lib/http/daraja-post";
import { validateC2bPayment } from "@/lib/payments/c2b/validation";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** M-Pesa asks before taking a Pay Bill payment (when external validation is enabled for the shortcode). */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const incoming = await readDarajaPost(request, (await params).token);
  const init = incoming.truncated ? { headers: { Connection: "close" } } : undefined;
  const rejection = await validateC2bPayment(incoming).catch(() => "other" as const);
  if (rejection === undefined)
    return Response.json({ ResultCode: 1, ResultDesc: "Unknown URL" }, { status: 404, ...init });
  return Response.json(c2bValidationAnswer(rejection), init);
}
