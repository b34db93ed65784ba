import { z } from "zod";
import type { ApiResult, PostFn } from "./api";
import { type Envelope, readEnvelope } from "./envelope";
import { classifyError, darajaError } from "./errors";
import { darajaPassword, darajaTimestamp } from "./timestamp";
import type { DarajaConfig, QueryResult } from "./types";

// Numbers in the callback, strings in the query: either way our code compares strings.
const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const finalBody = z.object({
  ResultCode: code.refine((v) => v !== "", "empty ResultCode"),
  ResultDesc: z.string().optional(),
  MerchantRequestID: z.string().optional(),
  CheckoutRequestID: z.string().optional(),
});

// Integrators report a 200 with ResultCode 4999 "still under processing"; docs/daraja.md marks it uncertain,
// but calling it final would fail a payment that may still succeed.
const STILL_PROCESSING_CODES = new Set(["4999"]);
// Daraja's API error codes (400.002.02, 500.001.1001...); result codes are plain numbers or SFC_ names.
const API_ERROR_CODE = /^\d{3}\.\d{3}\.\d+$/;

type QueryContext = { config: DarajaConfig; now: () => Date; post: PostFn };

export async function stkQuery(
  { config, now, post }: QueryContext,
  checkoutRequestId: string,
): Promise<QueryResult> {
  const timestamp = darajaTimestamp(now());
  const result = await post("/mpesa/stkpushquery/v1/query", {
    BusinessShortCode: config.shortcode,
    Password: darajaPassword(config.shortcode, config.passkey, timestamp),
    Timestamp: timestamp,
    CheckoutRequestID: checkoutRequestId,
  });
  return readQueryAnswer(result, checkoutRequestId);
}

function readQueryAnswer(result: ApiResult, checkoutRequestId: string): QueryResult {
  switch (result.kind) {
    case "auth_failed":
      return { state: "error", error: result.error };
    case "timeout":
      return {
        state: "error",
        error: darajaError("unknown", { errorMessage: "Daraja did not answer in time" }),
      };
    case "network":
      return { state: "error", error: darajaError("unknown", { errorMessage: result.detail }) };
  }
  const { status, body } = result;
  if (status >= 200 && status < 300) {
    const parsed = finalBody.safeParse(body);
    if (!parsed.success) {
      return {
        state: "error",
        error: darajaError("unknown", { httpStatus: status, errorMessage: "no ResultCode in the answer" }),
      };
    }
    const { ResultCode, ResultDesc, MerchantRequestID, CheckoutRequestID } = parsed.data;
    if (STILL_PROCESSING_CODES.has(ResultCode)) return { state: "pending" };
    // Some gateways answer 200 with an API error code as the ResultCode: an error, never the prompt's result.
    if (API_ERROR_CODE.test(ResultCode))
      return readErrorAnswer(status, { errorCode: ResultCode, errorMessage: ResultDesc });
    return {
      state: "final",
      resultCode: ResultCode,
      resultDesc: ResultDesc ?? "",
      ...(MerchantRequestID ? { merchantRequestId: MerchantRequestID } : {}),
      checkoutRequestId: CheckoutRequestID || checkoutRequestId,
    };
  }
  return readErrorAnswer(status, readEnvelope(body));
}

function readErrorAnswer(status: number, envelope: Envelope): QueryResult {
  if (envelope.errorCode === "500.001.1001") {
    if (/being processed/i.test(envelope.errorMessage ?? "")) return { state: "pending" };
    if (/does not exist/i.test(envelope.errorMessage ?? "")) return { state: "not_found" };
  }
  return { state: "error", error: classifyError(status, envelope) };
}
