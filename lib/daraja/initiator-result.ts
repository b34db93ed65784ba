import { z } from "zod";
import { tryNormalizePhone } from "./phone";
import { eatNumberToDate } from "./timestamp";
import type { InitiatorResult, InitiatorResultParse, TransactionFacts } from "./types";

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const parameter = z.object({ Key: z.string(), Value: z.unknown().optional() });
// A single parameter can come as an object instead of a one-item list.
const parameters = z.object({ ResultParameter: z.union([z.array(z.unknown()), parameter]) });

const resultBody = z.object({
  ResultType: text.optional(),
  ResultCode: text.refine((v) => v !== "", "must not be empty"),
  ResultDesc: z.string().optional(),
  OriginatorConversationID: text.optional(),
  ConversationID: text.optional(),
  TransactionID: text.optional(),
  ResultParameters: z.unknown().optional(),
});

/**
 * Reads a Reversal, B2C or Transaction Status result (docs/daraja.md 8). Never throws. Tolerates a body
 * without the `Result` wrapper, as queue-timeout notices may come.
 */
export function parseInitiatorResult(body: unknown): InitiatorResultParse {
  const inner = typeof body === "object" && body !== null && "Result" in body ? body.Result : body;
  const parsed = resultBody.safeParse(inner);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `Result.${issue?.path.join(".") || "(body)"}: ${issue?.message ?? "invalid"}`,
    };
  }
  const r = parsed.data;
  if (!r.OriginatorConversationID && !r.ConversationID)
    return { ok: false, error: "Result: neither OriginatorConversationID nor ConversationID" };
  const result: InitiatorResult = {
    resultType: r.ResultType ?? "",
    resultCode: r.ResultCode,
    resultDesc: r.ResultDesc ?? "",
    originatorConversationId: r.OriginatorConversationID ?? "",
    conversationId: r.ConversationID ?? "",
    transactionId: r.TransactionID ?? "",
    parameters: readParameters(r.ResultParameters),
  };
  return { ok: true, result };
}

function readParameters(value: unknown): Record<string, string> {
  const parsed = parameters.safeParse(value);
  if (!parsed.success) return {};
  const list = Array.isArray(parsed.data.ResultParameter)
    ? parsed.data.ResultParameter
    : [parsed.data.ResultParameter];
  const out: Record<string, string> = {};
  for (const item of list) {
    const entry = parameter.safeParse(item);
    if (!entry.success) continue;
    const { Key, Value } = entry.data;
    if (typeof Value === "string" || typeof Value === "number") out[Key.trim()] = String(Value).trim();
  }
  return out;
}

/** Whole shillings, or null when the text is not an amount without cents. */
export function shillingsOf(value: string | undefined): number | null {
  if (!value || !/^\d{1,9}(\.\d{1,2})?$/.test(value)) return null;
  const [whole, cents = "0"] = value.split(".");
  return Number(cents) === 0 ? Number(whole) : null;
}

const DOTTED = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/;

/** Result times come as YYYYMMDDHHmmss or "05.12.2026 17:31:02", both in EAT. */
export function eatTimeOf(value: string | undefined): Date | null {
  if (!value) return null;
  const dotted = DOTTED.exec(value);
  const compact = dotted ? `${dotted[3]}${dotted[2]}${dotted[1]}${dotted[4]}${dotted[5]}${dotted[6]}` : value;
  try {
    return eatNumberToDate(compact);
  } catch {
    return null;
  }
}

/** The looked-up transaction in a successful Transaction Status result. */
export function transactionFacts(result: InitiatorResult): TransactionFacts {
  const p = result.parameters;
  return {
    receipt: (p.ReceiptNo ?? result.transactionId).toUpperCase(),
    amountKes: shillingsOf(p.Amount),
    status: p.TransactionStatus ?? "",
    debitPartyName: p.DebitPartyName ?? "",
    payerPhone: tryNormalizePhone((p.DebitPartyName ?? "").split(" - ")[0] ?? ""),
    creditPartyName: p.CreditPartyName ?? "",
    originatorConversationId: p["Originator Conversation ID"] ?? "",
    finalisedAt: eatTimeOf(p.FinalisedTime),
  };
}

/** The payout in a successful B2C result: its receipt and amount. */
export function b2cFacts(result: InitiatorResult) {
  const p = result.parameters;
  return {
    receipt: (p.TransactionReceipt ?? result.transactionId).toUpperCase(),
    amountKes: shillingsOf(p.TransactionAmount),
    receiverName: p.ReceiverPartyPublicName ?? "",
    completedAt: eatTimeOf(p.TransactionCompletedDateTime),
    utilityBalanceKes: shillingsOf(p.B2CUtilityAccountAvailableFunds),
  };
}
