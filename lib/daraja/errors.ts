import { isInvalidToken, type Envelope } from "./envelope";
import type { DarajaError, DarajaErrorKind } from "./types";

const SHOPPER_MESSAGES: Record<DarajaErrorKind, string> = {
  invalid_request: "We couldn't start the M-Pesa payment. Please try again.",
  auth: "M-Pesa payments are unavailable for a moment. Please try again in a few minutes.",
  wrong_credentials:
    "M-Pesa payments are unavailable because of a problem on our side. Please try again later.",
  subscriber_locked:
    "You already have an M-Pesa prompt open on this phone. Finish or cancel it, then try again in a minute.",
  rate_limited: "M-Pesa is busy right now. Please wait a minute, then try again.",
  server_error: "M-Pesa is having trouble right now. Please try again in a few minutes.",
  unknown: "We couldn't reach M-Pesa. Please try again.",
};

const CHECK_NUMBER = "That number can't receive M-Pesa prompts. Check it and try again.";
const SHOPPER_FIELDS: Record<string, string> = {
  PhoneNumber: CHECK_NUMBER,
  PartyA: CHECK_NUMBER,
  Amount: "M-Pesa can't take this amount: payments must be whole shillings from 1 to 250,000.",
};

// Any other invalid field (shortcode, callback URL, timestamp...) is our configuration, not the shopper's input.
const blamesShop = (kind: DarajaErrorKind, field: string | undefined) =>
  kind === "invalid_request" && !!field && !Object.hasOwn(SHOPPER_FIELDS, field);

function shopperMessage(kind: DarajaErrorKind, field: string | undefined): string {
  if (kind !== "invalid_request" || !field) return SHOPPER_MESSAGES[kind];
  return blamesShop(kind, field) ? SHOPPER_MESSAGES.wrong_credentials : SHOPPER_FIELDS[field]!;
}

const RETRY_AFTER_SECONDS: Partial<Record<DarajaErrorKind, number>> = {
  subscriber_locked: 60,
  rate_limited: 60,
};

export function darajaError(
  kind: DarajaErrorKind,
  details: Omit<DarajaError, "kind" | "shopperMessage"> = {},
): DarajaError {
  const retryAfterSeconds = RETRY_AFTER_SECONDS[kind];
  return {
    kind,
    ...details,
    shopperMessage: shopperMessage(kind, details.field),
    ...(blamesShop(kind, details.field) ? { blamesShop: true as const } : {}),
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  };
}

/** Classifies a Daraja error answer: codes decide; message text only splits the catch-all 500.001.1001. */
export function classifyError(httpStatus: number, envelope: Envelope): DarajaError {
  const { errorCode: code = "", errorMessage: message = "" } = envelope;
  const details = { httpStatus, errorCode: envelope.errorCode, errorMessage: envelope.errorMessage };
  if (code === "400.002.02") {
    const field = /Invalid\s+([A-Za-z]+)/i.exec(message)?.[1];
    return darajaError("invalid_request", { ...details, ...(field ? { field } : {}) });
  }
  if (isInvalidToken(envelope) || code.startsWith("400.008.")) return darajaError("auth", details);
  if (code === "500.001.1001") {
    if (/wrong credentials|merchant does not exist/i.test(message))
      return darajaError("wrong_credentials", details);
    if (/unable to lock subscriber/i.test(message)) return darajaError("subscriber_locked", details);
  }
  if (code === "500.003.02" || code === "500.003.03" || /spike ?arrest|quota ?violation/i.test(code)) {
    return darajaError("rate_limited", details);
  }
  if (!code && /spike arrest|quota violation/i.test(message)) return darajaError("rate_limited", details);
  if (httpStatus === 429) return darajaError("rate_limited", details);
  if (httpStatus >= 500) return darajaError("server_error", details);
  if (!code && (httpStatus === 401 || httpStatus === 403)) return darajaError("auth", details);
  return darajaError("unknown", details);
}
