export const AMOUNT_MIN = 1;
export const AMOUNT_MAX = 250_000;
const ACCOUNT_REFERENCE_MAX = 12;
const DESCRIPTION_MAX = 13;

export function isValidAmount(amountKes: number): boolean {
  return Number.isInteger(amountKes) && amountKes >= AMOUNT_MIN && amountKes <= AMOUNT_MAX;
}

/** Longer or non-alphanumeric references can be accepted by Daraja yet never prompt the phone. */
export function sanitizeAccountReference(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9]/g, "").slice(0, ACCOUNT_REFERENCE_MAX);
  return cleaned || "Duka";
}

/** An empty TransactionDesc is refused ("Invalid Remarks"), so there is always a fallback. */
export function sanitizeDescription(s: string): string {
  const cleaned = s
    .replace(/[^A-Za-z0-9 .,#-]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, DESCRIPTION_MAX)
    .trim();
  return cleaned || "Payment";
}

const FORBIDDEN_URL_WORDS = ["mpesa", "m-pesa", "safaricom", "exe", "exec", "cmd", "sql", "query"];

/** Why Daraja would refuse or silently drop this CallBackURL, or null when it looks fine. */
export function callbackUrlProblem(url: string, env: "emulator" | "sandbox" | "production"): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a valid URL";
  }
  if (url !== url.trim() || /\s/.test(url)) return "contains spaces";
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "must be http(s)";
  if (env === "production" && parsed.protocol !== "https:") return "must be https in production";
  if (env !== "emulator" && /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(parsed.hostname))
    return "must be public";
  const lower = url.toLowerCase();
  const word = FORBIDDEN_URL_WORDS.find((w) => lower.includes(w));
  return word ? `contains the word "${word}", which Daraja filters` : null;
}
