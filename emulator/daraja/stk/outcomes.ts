// What the customer does with a prompt (pay, cancel, wrong PIN, ...) and its ResultCode.
export type Outcome = "pay" | "cancel" | "insufficient" | "wrong_pin" | "timeout" | `fail:${string}`;

export interface PromptResult {
  /** A number, except codes like SFC_IC0003 that Daraja sends as strings. */
  code: number | string;
  desc: string;
}

const PUSH_FAILED = "An error occurred while sending a push request";

const DESCRIPTIONS: Record<string, string> = {
  "0": "The service request is processed successfully.",
  "1": "The balance is insufficient for the transaction.",
  "2": "Declined due to limit rule: less than the minimum transaction amount.",
  "3": "Declined due to limit rule: greater than the maximum transaction amount.",
  "4": "Declined due to limit rule: would exceed daily transfer limit.",
  "8": "Declined due to limit rule: would exceed the maximum balance.",
  "17": "Rule limited.",
  "1001": "Unable to lock subscriber, a transaction is already in process for the current subscriber",
  "1019": "Transaction has expired",
  "1025": PUSH_FAILED,
  "9999": PUSH_FAILED,
  "1032": "Request cancelled by user",
  "1037": "DS timeout user cannot be reached",
  "2001": "The initiator information is invalid.",
  "2028": "The request is not permitted according to product assignment",
  "8006": "The security credential is locked",
  SFC_IC0003: "The operator does not exist.",
};

export function resultForCode(code: number | string): PromptResult {
  const text = String(code).trim();
  const numeric = /^\d+$/.test(text) ? Number(text) : text;
  return { code: numeric, desc: DESCRIPTIONS[text] ?? `Failed with result code ${text}` };
}

const OUTCOME_CODES: Record<string, number> = {
  pay: 0,
  cancel: 1032,
  insufficient: 1,
  wrong_pin: 2001,
  timeout: 1037,
};

export function resultForOutcome(outcome: Outcome): PromptResult {
  if (outcome.startsWith("fail:")) return resultForCode(outcome.slice("fail:".length));
  return resultForCode(OUTCOME_CODES[outcome] ?? 9999);
}

export function parseOutcome(text: string): Outcome | null {
  if (text in OUTCOME_CODES) return text as Outcome;
  return /^fail:\w+$/.test(text) ? (text as Outcome) : null;
}
