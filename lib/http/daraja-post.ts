import { env } from "@/lib/env";
import { clientIp } from "./client-ip";
import { readCappedText } from "./read-capped";

const MAX_BODY_BYTES = 64 * 1024;
const HEADERS_OF_INTEREST = [
  "businessshortcode",
  "content-type",
  "user-agent",
  "x-forwarded-for",
  "x-vercel-forwarded-for",
];

/** What Daraja POSTed to one of our URLs: the body (capped), who sent it, and whether the allowlist admits it. */
export async function readDarajaPost(request: Request, token: string) {
  const { text, truncated, cutOff } = await readCappedText(request, MAX_BODY_BYTES);
  const sourceIp = clientIp(request.headers);
  const allowlist = env.mpesa.callbackIps;
  return {
    token: token.slice(0, 200),
    rawBody: text,
    truncated,
    cutOff,
    sourceIp,
    ipAllowed: allowlist.length === 0 || (sourceIp !== null && allowlist.includes(sourceIp)),
    headers: Object.fromEntries(
      HEADERS_OF_INTEREST.flatMap((h) => (request.headers.has(h) ? [[h, request.headers.get(h)!]] : [])),
    ),
  };
}

/**
 * The answer when a POST could not be recorded: a 5xx is the only honest one (Daraja does not redeliver;
 * reconcile will query what it can). `init` keeps the caller's connection handling.
 */
export function notRecorded(event: string, e: unknown, init?: ResponseInit): Response {
  console.error(
    JSON.stringify({ scope: "payments", event, error: e instanceof Error ? e.message : String(e) }),
  );
  return Response.json({ ResultCode: 1, ResultDesc: "Not recorded" }, { ...init, status: 503 });
}
