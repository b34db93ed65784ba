import { z } from "zod";
import type { ApiResult, PostFn } from "./api";
import { darajaError } from "./errors";
import { callbackUrlProblem, isValidAmount, sanitizeAccountReference, sanitizeDescription } from "./fields";
import { tryNormalizePhone } from "./phone";
import { readSubmission, responseCode } from "./submission";
import { darajaPassword, darajaTimestamp } from "./timestamp";
import type { DarajaConfig, PushResult, StkPushRequest } from "./types";

const acceptedBody = z.object({
  MerchantRequestID: z.string().min(1),
  CheckoutRequestID: z.string().min(1),
  ResponseCode: responseCode,
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
  return readSubmission(result, {
    body: acceptedBody,
    ids: "a CheckoutRequestID",
    read: (body) => ({
      outcome: "accepted",
      merchantRequestId: body.MerchantRequestID,
      checkoutRequestId: body.CheckoutRequestID,
      customerMessage: body.CustomerMessage ?? body.ResponseDescription ?? "",
    }),
  });
}
