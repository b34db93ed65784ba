import { ACTION_BODY_LIMIT_BYTES } from "@/lib/storage/limits";

export type Refusal = { status: 403 | 413; message: string };

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Next.js refuses a server action posted from another origin, or bigger than its body limit, by throwing
 * deep inside the request: a 500 and a stack trace in the log. The same rules, answered first and plainly.
 * A request without an Origin header is left to Next.js (it lets those through, as browsers always send one).
 */
export function serverActionRefusal(method: string, headers: Headers): Refusal | null {
  if (method !== "POST" || !headers.has("next-action")) return null;
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin !== null && (!host || hostOf(origin) !== host))
    return { status: 403, message: "Forbidden: this form was posted from another site." };
  if (Number(headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT_BYTES)
    return { status: 413, message: "Too large: the form (photo included) must stay under 4.5 MB." };
  return null;
}
