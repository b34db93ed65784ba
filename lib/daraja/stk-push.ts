import { z } from "zod";
import type { ApiResult, PostFn } from "./api";
import { readEnvelope } from "./envelope";
import { classifyError, darajaError } from "./errors";
import { callbackUrlProblem, isValidAmount, sanitizeAccountReference, sanitizeDescription } from "./fields";
import { tryNormalizePhone } from "./phone";
import { darajaPassword, darajaTimestamp } from "./timestamp";
import type { DarajaConfig, PushResult, StkPushRequest } from "./types";

/** Daraja's own error codes look like 500.001.1001 or 400.002.02; the gateway's faults do not. */
const DARAJA_CODE = /^\d{3}\.\d{3}\.\w+$/;

const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const acceptedBody = z.object({
  MerchantRequestID: z.string().min(1),
  CheckoutRequestID: z.string().min(1),
  ResponseCode: code,
  ResponseDescription: z.string().optional(),
  CustomerMessage: z.string().optional(),
});

const rejected = (field: string, errorMessage: string): PushResult => ({
  outcome: "rejected",
  error: darajaError("invalid_request", { field, errorMessage }),
});

type PushContext = { config: DarajaConfig; now: () => Date; post: PostFn };

/** Validates locally first: a request Daraja would refuse, or accept and never prompt, is never sent. */
export async function stkPush({ config, now, post }: PushContext, req: StkPushRequest): Promise<PushResult> {
  const phone = tryNormalizePhone(req.phone);
  if (!phone) return rejected("PhoneNumber", "PhoneNumber is not a Kenyan mobile number");
  if (!isValidAmount(req.amountKes))
    return rejected("Amount", "Amount must be whole shillings from 1 to 250,000");
  const urlProblem = callbackUrlProblem(req.callbackUrl, config.env);
  if (urlProblem) return rejected("CallBackURL", `CallBackURL ${urlProblem}`);

  const timestamp = darajaTimestamp(now());
  const result = await post("/mpesa/stkpush/v1/processrequest", {
    BusinessShortCode: config.shortcode,
    Password: darajaPassword(config.shortcode, config.passkey, timestamp),
    Timestamp: timestamp,
    TransactionType: config.transactionType,
    Amount: req.amountKes,
    PartyA: phone,
    PartyB: config.transactionType === "CustomerBuyGoodsOnline" ? config.tillNumber : config.shortcode,
    PhoneNumber: phone,
    CallBackURL: req.callbackUrl,
    AccountReference: sanitizeAccountReference(req.accountReference),
    TransactionDesc: sanitizeDescription(req.description),
  });
  return readPushAnswer(result);
}

function readPushAnswer(result: ApiResult): PushResult {
  switch (result.kind) {
    case "auth_failed":
      return { outcome: "rejected", error: result.error };
    case "timeout":
      return { outcome: "unknown", reason: "timeout", detail: "Daraja did not answer in time" };
    case "network":
      return { outcome: "unknown", reason: "network", detail: result.detail };
  }
  const { status, body } = result;
  if (status >= 200 && status < 300) {
    const parsed = acceptedBody.safeParse(body);
    if (!parsed.success)
      return {
        outcome: "unknown",
        reason: "bad_response",
        detail: `HTTP ${status} without a CheckoutRequestID`,
      };
    const { ResponseCode, ResponseDescription, CustomerMessage } = parsed.data;
    if (ResponseCode !== "0") {
      const details = { httpStatus: status, errorCode: ResponseCode, errorMessage: ResponseDescription };
      return { outcome: "rejected", error: darajaError("unknown", details) };
    }
    const { MerchantRequestID: merchantRequestId, CheckoutRequestID: checkoutRequestId } = parsed.data;
    return {
      outcome: "accepted",
      merchantRequestId,
      checkoutRequestId,
      customerMessage: CustomerMessage ?? ResponseDescription ?? "",
    };
  }
  const envelope = readEnvelope(body);
  const error = classifyError(status, envelope);
  // A 5xx without one of Daraja's own codes came from a proxy or the API gateway (e.g. its GatewayTimeout
  // fault): the push may have reached Daraja behind it. Only the gateway's rate limits surely stopped it.
  if (status >= 500 && !DARAJA_CODE.test(envelope.errorCode ?? "") && error.kind !== "rate_limited") {
    return {
      outcome: "unknown",
      reason: "bad_response",
      detail: `HTTP ${status} ${envelope.errorCode ?? "without a Daraja error code"}`,
    };
  }
  return { outcome: "rejected", error };
}
