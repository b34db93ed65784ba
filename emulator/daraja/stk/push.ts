// Daraja's STK push endpoint (`/mpesa/stkpush/v1/processrequest`).
import { openApiCall } from "../api-call";
import type { CallContext } from "../call-context";
import { DARAJA_ERRORS } from "../errors";
import { merchantCredentialsError } from "../fields";
import { errorReply, type DarajaReply } from "../reply";
import { createPrompt, startPromptLifecycle } from "./prompt-lifecycle";
import { validatePushBody } from "./push-validation";

const ACCEPTED = "Success. Request accepted for processing";

/** POST /mpesa/stkpush/v1/processrequest */
export function handleStkPush(ctx: CallContext): DarajaReply {
  const { state, now } = ctx;
  const call = openApiCall(ctx);
  if (!call.ok) return call.reply;
  const { requestId, body } = call;
  const validation = validatePushBody(body, now, state.options.timestampSkewSec);
  if (!validation.ok) return errorReply(validation.error, requestId);
  const { request, warnings } = validation;
  const details = { phone: request.phoneNumber, amount: request.amount, warnings };
  const credentialsError = merchantCredentialsError(
    state.options.merchants,
    request.businessShortCode,
    request.password,
    request.timestamp,
  );
  if (credentialsError) return errorReply(credentialsError, requestId, details);
  if (state.prompts.openFor(request.phoneNumber).length > 0)
    return errorReply(DARAJA_ERRORS.subscriberLocked, requestId, details);

  const windowStart = new Date(now.getTime() - state.options.duplicateWindowMs);
  const duplicate =
    state.options.duplicateAmountRule &&
    state.prompts.paidSince(request.phoneNumber, request.amount, windowStart);
  const prompt = createPrompt(state, request, now);
  return {
    ...details,
    status: 200,
    checkoutRequestId: prompt.checkoutRequestId,
    body: {
      MerchantRequestID: prompt.merchantRequestId,
      CheckoutRequestID: prompt.checkoutRequestId,
      ResponseCode: "0",
      ResponseDescription: ACCEPTED,
      CustomerMessage: ACCEPTED,
    },
    afterSend: () => startPromptLifecycle(state, prompt, duplicate),
  };
}
