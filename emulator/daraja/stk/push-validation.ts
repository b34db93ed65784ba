// The checks Daraja makes on an STK push body, first failure wins.
import { invalidField, type DarajaError } from "../errors";
import { msisdnFrom, shortcodeFrom, textOf, timestampFrom, type BodyRecord } from "../fields";

export interface StkPushRequest {
  businessShortCode: string;
  password: unknown;
  timestamp: string;
  transactionType: string;
  amount: number;
  partyA: string;
  partyB: string;
  phoneNumber: string;
  callBackUrl: string;
  accountReference: string;
  transactionDesc: string;
}

export type PushValidation =
  { ok: true; request: StkPushRequest; warnings: string[] } | { ok: false; error: DarajaError };

const TRANSACTION_TYPES = ["CustomerPayBillOnline", "CustomerBuyGoodsOnline"];
const MAX_AMOUNT = 250_000;
// Documented for C2B URLs, uncertain for STK: warned about, never refused.
const DISCOURAGED_URL_WORDS = ["mpesa", "m-pesa", "safaricom", "exe", "exec", "cmd", "sql", "query"];

function amountFrom(value: unknown): number | null {
  const text = textOf(value);
  const amount = text === null || text.trim() === "" ? NaN : Number(text);
  return Number.isInteger(amount) && amount >= 1 && amount <= MAX_AMOUNT ? amount : null;
}

/** Any well-formed http(s) URL, localhost included (local development needs it); no spaces anywhere. */
function callbackUrlFrom(value: unknown): string | null {
  if (typeof value !== "string" || /\s/.test(value) || !URL.canParse(value)) return null;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" ? value : null;
}

function presentText(value: unknown): string | null {
  const text = textOf(value);
  return text === null || text === "" ? null : text;
}

function warningsFor(request: StkPushRequest): string[] {
  const warnings: string[] = [];
  if (request.accountReference.length > 12)
    warnings.push("AccountReference over 12 characters: accepted, but the prompt never shows");
  if (request.transactionDesc.length > 13) warnings.push("TransactionDesc over 13 characters");
  const word = DISCOURAGED_URL_WORDS.find((w) => request.callBackUrl.toLowerCase().includes(w));
  if (word) warnings.push(`CallBackURL contains "${word}", which Safaricom may refuse`);
  if (request.transactionType === "CustomerPayBillOnline" && request.partyB !== request.businessShortCode) {
    warnings.push("PartyB differs from BusinessShortCode for a paybill");
  }
  return warnings;
}

/** Field checks in the order Daraja reports them: the first failure wins. */
export function validatePushBody(body: BodyRecord, now: Date, skewSec: number): PushValidation {
  const checks: [field: string, value: unknown][] = [
    ["BusinessShortCode", shortcodeFrom(body.BusinessShortCode)],
    ["Timestamp", timestampFrom(body.Timestamp, now, skewSec)],
    ["TransactionType", TRANSACTION_TYPES.find((type) => type === body.TransactionType) ?? null],
    ["Amount", amountFrom(body.Amount)],
    ["PhoneNumber", msisdnFrom(body.PhoneNumber)],
    ["PartyA", msisdnFrom(body.PartyA)],
    ["PartyB", shortcodeFrom(body.PartyB)],
    ["CallBackURL", callbackUrlFrom(body.CallBackURL)],
    ["AccountReference", presentText(body.AccountReference)],
    ["Remarks", presentText(body.TransactionDesc)],
  ];
  const failed = checks.find(([, value]) => value === null);
  if (failed) return { ok: false, error: invalidField(failed[0]) };
  const [shortcode, timestamp, transactionType, amount, phone, partyA, partyB, url, reference, desc] =
    checks.map(([, v]) => v);
  const request: StkPushRequest = {
    businessShortCode: String(shortcode),
    password: body.Password,
    timestamp: String(timestamp),
    transactionType: String(transactionType),
    amount: Number(amount),
    partyA: String(partyA),
    partyB: String(partyB),
    phoneNumber: String(phone),
    callBackUrl: String(url),
    accountReference: String(reference),
    transactionDesc: String(desc),
  };
  return { ok: true, request, warnings: warningsFor(request) };
}
