import { type DarajaError, type StkCallback, describeResultCode } from "@/lib/daraja";
import { type FailureKind, failureKindOfPushError, failureKindOfResult } from "./failure-kinds";

/**
 * What an STK prompt's answer means, whichever way it came (push answer, callback, query). The STK source
 * translates Daraja's wire format into these; the core alone decides what they do (a success goes to
 * payOrder, a failure to the state machine). Other sources call payOrder directly.
 */
export type ResultSource = "push" | "callback" | "query";

export type SuccessResult = {
  kind: "success";
  source: ResultSource;
  /** The amount M-Pesa reported; null when the source cannot see it (a status query). */
  amountKes: number | null;
  receipt: string | null;
  transactionDate: Date | null;
  /** The right amount arrived after a wrong one, and an STK query confirmed the payment. */
  confirmedAfterMismatch?: boolean;
};

export type FailureResult = {
  kind: "failure";
  source: ResultSource;
  failureKind: FailureKind;
  /** The raw code: a Daraja result code, a Daraja API error code, or our own error kind. */
  resultCode: string;
  resultDesc: string;
  shopperMessage: string;
  mayRetry: boolean;
  retryAfterSeconds?: number;
};

export type AttemptResult = SuccessResult | FailureResult;

/** A result code from a callback or a query: 0 is paid, anything else failed for the reason it names. */
export function resultOfCode(
  resultCode: string,
  resultDesc: string,
  source: "callback" | "query",
): AttemptResult {
  if (resultCode === "0")
    return { kind: "success", source, amountKes: null, receipt: null, transactionDate: null };
  const described = describeResultCode(resultCode);
  return {
    kind: "failure",
    source,
    failureKind: failureKindOfResult(described.reason),
    resultCode,
    resultDesc,
    shopperMessage: described.message,
    mayRetry: described.mayRetry,
    ...(described.retryAfterSeconds ? { retryAfterSeconds: described.retryAfterSeconds } : {}),
  };
}

/** A readable callback; payOrder checks its amount against the attempt's. */
export function resultOfCallback(cb: StkCallback): AttemptResult {
  if (!cb.success) return resultOfCode(cb.resultCode, cb.resultDesc, "callback");
  return {
    kind: "success",
    source: "callback",
    amountKes: cb.amount,
    receipt: cb.receipt,
    transactionDate: cb.transactionDate,
  };
}

/**
 * Daraja refused the push. A retry cannot fix wrong credentials; anything else may pass after its wait (an
 * auth failure survives one token re-fetch before it gets here, but may be Daraja's outage).
 */
export function resultOfPushRefusal(error: DarajaError): FailureResult {
  return {
    kind: "failure",
    source: "push",
    failureKind: failureKindOfPushError(error),
    resultCode: error.errorCode ?? error.kind,
    resultDesc: error.errorMessage ?? error.kind,
    shopperMessage: error.shopperMessage,
    mayRetry: error.kind !== "wrong_credentials",
    ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}

/**
 * Money moved, but not the amount asked: the attempt stops (so no later query, which cannot see amounts,
 * pays it) and the shopper is told the shop will be in touch.
 */
export function amountMismatch(paid: number, asked: number, receipt: string): FailureResult {
  return {
    kind: "failure",
    source: "callback",
    failureKind: "AMOUNT_MISMATCH",
    resultCode: "AMOUNT_MISMATCH",
    resultDesc: `Paid KES ${paid}, expected KES ${asked}, receipt ${receipt}`,
    shopperMessage:
      "M-Pesa reported a payment that does not match this order. The shop has been alerted and will contact you.",
    mayRetry: false,
  };
}
