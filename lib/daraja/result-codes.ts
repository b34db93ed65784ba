export type ResultReason =
  | "paid"
  | "insufficient_funds"
  | "limits"
  | "duplicate_wait"
  | "session_open"
  | "expired"
  | "prompt_failed"
  | "cancelled"
  | "unreachable"
  | "wrong_pin"
  | "seller_config"
  | "pin_locked"
  | "unknown";

export type ResultDescription = {
  message: string;
  mayRetry: boolean;
  retryAfterSeconds?: number;
  reason: ResultReason;
};

const SELLER_CONFIG: ResultDescription = {
  reason: "seller_config",
  mayRetry: false,
  message:
    "This shop can't take M-Pesa payments right now because of a problem on our side. Please contact us.",
};
const LIMITS: ResultDescription = {
  reason: "limits",
  mayRetry: true,
  message: "This payment is outside your M-Pesa limits. Try another M-Pesa number, or contact us for help.",
};
const PROMPT_FAILED: ResultDescription = {
  reason: "prompt_failed",
  mayRetry: true,
  message: "We couldn't show the M-Pesa prompt on your phone. Please try again.",
};

// Keyed by code, never by ResultDesc: Safaricom rewords the descriptions from time to time.
const RESULT_CODES: Record<string, ResultDescription> = {
  "0": { reason: "paid", mayRetry: false, message: "Payment received. Thank you!" },
  "1": {
    reason: "insufficient_funds",
    mayRetry: true,
    message: "Your M-Pesa balance is too low for this payment. Top up or use another number, then try again.",
  },
  "2": LIMITS,
  "3": LIMITS,
  "4": LIMITS,
  "8": LIMITS,
  "17": {
    reason: "duplicate_wait",
    mayRetry: true,
    retryAfterSeconds: 120,
    message:
      "M-Pesa blocked this because the same amount was just sent from this number. Wait two minutes, then try again.",
  },
  "1001": {
    reason: "session_open",
    mayRetry: true,
    retryAfterSeconds: 60,
    message:
      "You already have an M-Pesa prompt open on this phone. Finish or cancel it, then try again in a minute.",
  },
  "1019": {
    reason: "expired",
    mayRetry: true,
    message: "The M-Pesa prompt expired before it was answered. Please try again.",
  },
  "1025": PROMPT_FAILED,
  "9999": PROMPT_FAILED,
  "1032": {
    reason: "cancelled",
    mayRetry: true,
    message: "You cancelled the M-Pesa prompt. Try again when you're ready.",
  },
  "1037": {
    reason: "unreachable",
    mayRetry: true,
    message:
      "We couldn't reach your phone. Check that it is on and has signal, then try again. If it keeps happening, your SIM card may need an update from Safaricom.",
  },
  "2001": {
    reason: "wrong_pin",
    mayRetry: true,
    message: "The M-Pesa PIN entered was wrong. Please try again.",
  },
  "2028": SELLER_CONFIG,
  "8006": {
    reason: "pin_locked",
    mayRetry: false,
    message: "Your M-Pesa PIN is locked. Call Safaricom on 100 to unlock it, then try again.",
  },
  SFC_IC0003: SELLER_CONFIG,
};

const UNKNOWN: ResultDescription = {
  reason: "unknown",
  mayRetry: true,
  message: "The M-Pesa payment didn't go through. Please try again.",
};

export function describeResultCode(code: string): ResultDescription {
  const key = code.trim().toUpperCase();
  const known = Object.hasOwn(RESULT_CODES, key) ? RESULT_CODES[key] : undefined;
  return { ...(known ?? UNKNOWN) };
}
