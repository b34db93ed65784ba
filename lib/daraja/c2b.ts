import { z } from "zod";
import type { ApiResult, PostFn } from "./api";
import { readEnvelope } from "./envelope";
import { classifyError } from "./errors";
import { eatNumberToDate } from "./timestamp";
import type { C2bNotification, C2bNotificationParse, C2bRegisterRequest, C2bRegisterResult } from "./types";

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const notificationBody = z.object({
  TransactionType: text.optional(),
  TransID: text.refine((v) => /^[A-Za-z0-9]{6,40}$/.test(v), "must be letters and digits"),
  TransTime: text.optional(),
  // A string like "1800.00"; a number is tolerated.
  TransAmount: text.refine((v) => /^\d{1,9}(\.\d{1,2})?$/.test(v), "must be an amount like 1800.00"),
  BusinessShortCode: text.optional(),
  BillRefNumber: z.union([z.string(), z.number(), z.null()]).optional(),
  OrgAccountBalance: z.unknown().optional(),
  MSISDN: z.union([z.string(), z.number()]).optional(),
  FirstName: z.string().nullish(),
  MiddleName: z.string().nullish(),
  LastName: z.string().nullish(),
});

/**
 * Reads a C2B validation or confirmation body into our own shape; never throws. Amounts are kept exact:
 * `amountKes` is null when M-Pesa reported cents, which no order total has.
 */
export function parseC2bNotification(body: unknown, receivedAt: Date = new Date()): C2bNotificationParse {
  const parsed = notificationBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join(".") || "(body)"}: ${issue?.message ?? "invalid"}` };
  }
  const b = parsed.data;
  const [shillings, cents = "0"] = b.TransAmount.split(".");
  const payment: C2bNotification = {
    transId: b.TransID.toUpperCase(),
    transactionType: b.TransactionType ?? "",
    transTime: readTime(b.TransTime) ?? receivedAt,
    amountText: b.TransAmount,
    amountKes: Number(cents) === 0 ? Number(shillings) : null,
    shortcode: b.BusinessShortCode ?? "",
    billRefNumber: b.BillRefNumber === null || b.BillRefNumber === undefined ? "" : String(b.BillRefNumber),
    msisdn: b.MSISDN === undefined ? "" : String(b.MSISDN).slice(0, 100),
    name: [b.FirstName, b.MiddleName, b.LastName].filter(Boolean).join(" ").trim().slice(0, 100),
  };
  return { ok: true, payment };
}

function readTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  try {
    return eatNumberToDate(value);
  } catch {
    return undefined;
  }
}

/** Daraja's C2B validation result codes. */
const C2B_REJECTION = {
  invalidMsisdn: "C2B00011",
  invalidAccount: "C2B00012",
  invalidAmount: "C2B00013",
  invalidKyc: "C2B00014",
  invalidShortcode: "C2B00015",
  other: "C2B00016",
} as const;

export type C2bRejection = keyof typeof C2B_REJECTION;

/** The validation answer's body: accept, or reject with Daraja's code. */
export function c2bValidationAnswer(rejection: C2bRejection | null) {
  return rejection === null
    ? { ResultCode: "0", ResultDesc: "Accepted" }
    : { ResultCode: C2B_REJECTION[rejection], ResultDesc: "Rejected" };
}

export const C2B_CONFIRMATION_ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

const registered = z.object({
  ResponseCode: text.optional(),
  ResponseDescription: z.string().optional(),
  OriginatorCoversationID: z.string().optional(),
  OriginatorConversationID: z.string().optional(),
});

type RegisterContext = { shortcode: string; post: PostFn };

/** Registers the confirmation and validation URLs of the shop's shortcode (v2 path). */
export async function registerC2bUrls(
  { shortcode, post }: RegisterContext,
  req: C2bRegisterRequest,
): Promise<C2bRegisterResult> {
  const result = await post("/mpesa/c2b/v2/registerurl", {
    ShortCode: shortcode,
    ResponseType: req.responseType,
    ConfirmationURL: req.confirmationUrl,
    ValidationURL: req.validationUrl,
  });
  return readRegisterAnswer(result);
}

function readRegisterAnswer(result: ApiResult): C2bRegisterResult {
  if (result.kind === "auth_failed")
    return { ok: false, errorMessage: result.error.errorMessage ?? "Daraja refused our credentials" };
  if (result.kind === "timeout") return { ok: false, errorMessage: "Daraja did not answer in time" };
  if (result.kind === "network") return { ok: false, errorMessage: `Daraja unreachable (${result.detail})` };
  const { status, body } = result;
  const answer = registered.safeParse(body);
  // "0" per Safaricom's docs; integrators also report "00000000", and v2 bodies with no code (docs/daraja.md 9).
  if (status >= 200 && status < 300 && answer.success && /^0+$/.test(answer.data.ResponseCode ?? "0")) {
    const { OriginatorCoversationID, OriginatorConversationID, ResponseDescription } = answer.data;
    return {
      ok: true,
      conversationId: OriginatorCoversationID ?? OriginatorConversationID ?? "",
      description: ResponseDescription ?? "Success",
    };
  }
  const envelope = readEnvelope(body);
  const error = classifyError(status, envelope);
  return {
    ok: false,
    httpStatus: status,
    errorCode: envelope.errorCode ?? answer.data?.ResponseCode,
    errorMessage: envelope.errorMessage ?? answer.data?.ResponseDescription ?? `HTTP ${status}`,
    field: error.field,
  };
}
