// A C2B payment made from the phone's menu: validation, confirmation and what each answer leads to.
import { createHash } from "node:crypto";
import type {
  C2bNotificationBody,
  C2bPost,
  C2bRegistration,
  C2bTransaction,
  C2bTransactionType,
} from "./store";
import { eatTimestamp } from "../eat-time";
import type { EmulatorState } from "../../state";
import { postHalfThenHangUp } from "../../http-io";

interface C2bPaymentRequest {
  kind: C2bTransactionType;
  /** The paybill or till number the customer typed. */
  paidTo: string;
  /** The account number typed (Pay Bill only), byte for byte. */
  account: string;
  amount: number;
  phone: string;
}

const MAX_RESPONSE_CHARS = 2000;

/** A number as M-Pesa masks it for businesses: "2547 ***** 149". */
export const maskedMsisdn = (phone: string) => `${phone.slice(0, 4)} ***** ${phone.slice(-3)}`;

function msisdnAsSent(state: EmulatorState, phone: string): string {
  const format = state.options.c2bMsisdn;
  if (format === "plain") return phone;
  if (format === "hashed") return createHash("sha256").update(phone).digest("hex");
  return maskedMsisdn(phone);
}

/** A till reports to its store's registration; a paybill is its own shortcode. */
function shortcodeFor(state: EmulatorState, paidTo: string): string {
  if (state.c2b.registrationOf(paidTo)) return paidTo;
  return state.options.tills[paidTo] ?? paidTo;
}

function notification(
  state: EmulatorState,
  request: C2bPaymentRequest,
  shortcode: string,
  now: Date,
): C2bNotificationBody {
  return {
    TransactionType: request.kind,
    TransID: state.ids.receipt(),
    TransTime: eatTimestamp(now),
    TransAmount: request.amount.toFixed(2),
    BusinessShortCode: shortcode,
    BillRefNumber: request.kind === "Buy Goods" ? "" : request.account,
    InvoiceNumber: "",
    // Empty when validating: the money has not moved yet.
    OrgAccountBalance: "",
    ThirdPartyTransID: "",
    MSISDN: msisdnAsSent(state, request.phone),
    FirstName: state.options.customerFirstName,
    MiddleName: "",
    LastName: "",
  };
}

async function post(url: string, body: unknown, timeoutMs: number): Promise<C2bPost> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseBody = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
    return { url, status: response.status, error: null, latencyMs: latency(), responseBody };
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : String(error);
    return { url, status: null, error: reason, latencyMs: latency(), responseBody: null };
  }
}

/** The cut fault (postHalfThenHangUp): no answer, and only half the body ever reached the shop. */
async function postCutOff(url: string, body: unknown): Promise<C2bPost> {
  const started = performance.now();
  await postHalfThenHangUp(url, JSON.stringify(body), { "content-type": "application/json" });
  const latencyMs = Math.round(performance.now() - started);
  return { url, status: null, error: "cut off (fault)", latencyMs, responseBody: null };
}

/** One field of the validator's JSON answer, as text; null when it gave none (timeout, error, not JSON). */
function answerField(answer: C2bPost, field: string): string | null {
  if (answer.status === null || answer.status >= 300 || answer.responseBody === null) return null;
  try {
    const parsed: unknown = JSON.parse(answer.responseBody);
    if (typeof parsed !== "object" || parsed === null) return null;
    const value = (parsed as Record<string, unknown>)[field];
    return typeof value === "string" || typeof value === "number" ? String(value) : null;
  } catch {
    return null;
  }
}

async function validate(
  state: EmulatorState,
  registration: C2bRegistration,
  body: C2bNotificationBody,
): Promise<{ post: C2bPost; refusal: string | null }> {
  const answer = await post(registration.validationUrl, body, state.options.c2bValidationTimeoutMs);
  const code = answerField(answer, "ResultCode");
  // Safaricom echoes the validator's ThirdPartyTransID in the confirmation of the payment it accepted.
  body.ThirdPartyTransID = answerField(answer, "ThirdPartyTransID") ?? "";
  if (code === "0") return { post: answer, refusal: null };
  if (code !== null) return { post: answer, refusal: code };
  // No verdict in time: the registered ResponseType decides.
  const refused = registration.responseType === "Cancelled";
  return { post: answer, refusal: refused ? "no answer (ResponseType Cancelled)" : null };
}

/**
 * The customer pays by hand: validation (when enabled) may refuse it; otherwise the money moves and the
 * confirmation is POSTed once, never retried. Resolves when all of that was attempted.
 */
export async function makeC2bPayment(
  state: EmulatorState,
  request: C2bPaymentRequest,
): Promise<C2bTransaction> {
  const now = new Date();
  const shortcode = shortcodeFor(state, request.paidTo);
  const registration = state.c2b.registrationOf(shortcode);
  const body = notification(state, request, shortcode, now);
  const base = {
    transId: body.TransID,
    transactionType: request.kind,
    paidTo: request.paidTo,
    shortcode,
    billRefNumber: body.BillRefNumber,
    amount: request.amount,
    phone: request.phone,
    createdAt: now.toISOString(),
  };
  let transaction: C2bTransaction;
  if (!registration) {
    body.OrgAccountBalance = state.c2b.credit(shortcode, request.amount).toFixed(2);
    transaction = {
      ...base,
      outcome: "unregistered",
      refusal: null,
      validation: null,
      confirmation: null,
      body,
    };
  } else {
    const validation = state.options.c2bValidation ? await validate(state, registration, body) : null;
    if (validation?.refusal) {
      transaction = {
        ...base,
        outcome: "refused",
        refusal: validation.refusal,
        validation: validation.post,
        confirmation: null,
        body,
      };
    } else {
      body.OrgAccountBalance = state.c2b.credit(shortcode, request.amount).toFixed(2);
      const confirmation = state.faults.takeConfirmationCut()
        ? await postCutOff(registration.confirmationUrl, body)
        : await post(registration.confirmationUrl, body, state.options.callbackTimeoutMs);
      transaction = {
        ...base,
        outcome: "completed",
        refusal: null,
        validation: validation?.post ?? null,
        confirmation,
        body,
      };
    }
  }
  state.c2b.record(transaction);
  state.say(
    `C2B ${request.kind} ${body.TransID} KES ${request.amount} to ${request.paidTo} account "${body.BillRefNumber}": ${transaction.outcome}${transaction.refusal ? ` (${transaction.refusal})` : ""}${transaction.confirmation ? ` -> ${transaction.confirmation.status ?? transaction.confirmation.error}` : ""}`,
  );
  return transaction;
}
