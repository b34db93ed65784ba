import { type DarajaError, type StkCallback, describeResultCode } from "@/lib/daraja";
import { type FailureKind, failureKindOfPushError, failureKindOfResult } from "./failure-kinds";

/**
 * Where a result came from. Each source only translates its wire format into an AttemptResult here;
 * the state machine alone decides what the result does. (A new source, e.g. C2B, adds its name and mapper.)
 */
export type ResultSource = "push" | "callback" | "query";

export type SuccessResult = {
  kind: "success";
  source: ResultSource;
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
  if (resultCode === "0") return { kind: "success", source, receipt: null, transactionDate: null };
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

/** A readable callback, whose amount has already been checked against the attempt. */
export function resultOfCallback(cb: StkCallback): AttemptResult {
  if (!cb.success) return resultOfCode(cb.resultCode, cb.resultDesc, "callback");
  return { kind: "success", source: "callback", receipt: cb.receipt, transactionDate: cb.transactionDate };
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
