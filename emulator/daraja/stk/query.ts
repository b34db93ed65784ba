// Daraja's STK query endpoint (`/mpesa/stkpushquery/v1/query`).
import { openApiCall } from "../api-call";
import type { CallContext } from "../call-context";
import { DARAJA_ERRORS, invalidField } from "../errors";
import { merchantCredentialsError, shortcodeFrom, timestampFrom } from "../fields";
import { errorReply, type DarajaReply } from "../reply";

/** POST /mpesa/stkpushquery/v1/query: ResultCode as a string, and never a receipt, amount or phone. */
export function handleStkQuery(ctx: CallContext): DarajaReply {
  const { state, now } = ctx;
  const call = openApiCall(ctx);
  if (!call.ok) return call.reply;
  const { requestId, body } = call;
  const shortcode = shortcodeFrom(body.BusinessShortCode);
  if (!shortcode) return errorReply(invalidField("BusinessShortCode"), requestId);
  const timestamp = timestampFrom(body.Timestamp, now, state.options.timestampSkewSec);
  if (!timestamp) return errorReply(invalidField("Timestamp"), requestId);
  const checkoutRequestId = typeof body.CheckoutRequestID === "string" ? body.CheckoutRequestID : null;
  if (!checkoutRequestId) return errorReply(invalidField("CheckoutRequestID"), requestId);
  const credentialsError = merchantCredentialsError(
    state.options.merchants,
    shortcode,
    body.Password,
    timestamp,
  );
  if (credentialsError) return errorReply(credentialsError, requestId, { checkoutRequestId });

  const prompt = state.prompts.get(checkoutRequestId);
  if (!prompt || prompt.shortcode !== shortcode) {
    return errorReply(DARAJA_ERRORS.transactionDoesNotExist, requestId, { checkoutRequestId });
  }
  if (prompt.state === "open")
    return errorReply(DARAJA_ERRORS.beingProcessed, requestId, { checkoutRequestId });
  return {
    status: 200,
    checkoutRequestId,
    body: {
      ResponseCode: "0",
      ResponseDescription: "The service request has been accepted successsfully",
      MerchantRequestID: prompt.merchantRequestId,
      CheckoutRequestID: prompt.checkoutRequestId,
      ResultCode: String(prompt.resultCode),
      ResultDesc: prompt.resultDesc,
    },
  };
}
