import type { PostFn } from "./api";
import { tryNormalizePhone } from "./phone";
import type { DarajaConfig } from "./types";
import { rejectedField, requestProblem, sanitizeRemarks, submit } from "./initiator-submit";
import type { B2cRequest, InitiatorConfig, InitiatorSubmit, ReversalRequest, StatusRequest } from "./types";

type InitiatorContext = { config: DarajaConfig; initiator: InitiatorConfig; post: PostFn };

const RECEIPT = /^[A-Z0-9]{8,12}$/;
/** Daraja's spelling (sic): the correct spelling is refused (docs/daraja.md 8.2). */
const RECEIVER_IDENTIFIER_TYPE = "RecieverIdentifierType";
const SHORTCODE_IDENTIFIER = "11";
const ORGANISATION_IDENTIFIER = "4";

/** Reverses one whole C2B or STK payment back to the customer. */
export async function reversal(ctx: InitiatorContext, req: ReversalRequest): Promise<InitiatorSubmit> {
  const problem = requestProblem(ctx.config.env, req);
  if (problem) return problem;
  const transactionId = req.transactionId.trim().toUpperCase();
  if (!RECEIPT.test(transactionId)) return rejectedField("TransactionID", "not an M-Pesa receipt number");
  return submit(ctx.post, "/mpesa/reversal/v1/request", {
    Initiator: ctx.initiator.name,
    SecurityCredential: ctx.initiator.securityCredential,
    CommandID: "TransactionReversal",
    TransactionID: transactionId,
    Amount: req.amountKes,
    ReceiverParty: ctx.config.shortcode,
    [RECEIVER_IDENTIFIER_TYPE]: SHORTCODE_IDENTIFIER,
    ResultURL: req.resultUrl,
    QueueTimeOutURL: req.timeoutUrl,
    Remarks: sanitizeRemarks(req.remarks),
    Occasion: sanitizeRemarks(req.occasion ?? req.remarks),
  });
}

/** Sends money from the B2C shortcode to a registered M-Pesa customer (BusinessPayment). */
export async function b2cPayment(ctx: InitiatorContext, req: B2cRequest): Promise<InitiatorSubmit> {
  const problem = requestProblem(ctx.config.env, req);
  if (problem) return problem;
  const phone = tryNormalizePhone(req.phone);
  if (!phone) return rejectedField("PartyB", "PartyB is not a Kenyan mobile number");
  // InitiatorName here, where the other initiator APIs say Initiator: "Initiator" is refused.
  return submit(ctx.post, "/mpesa/b2c/v3/paymentrequest", {
    OriginatorConversationID: req.originatorConversationId,
    InitiatorName: ctx.initiator.name,
    SecurityCredential: ctx.initiator.securityCredential,
    CommandID: "BusinessPayment",
    Amount: req.amountKes,
    PartyA: ctx.initiator.b2cShortcode,
    PartyB: phone,
    Remarks: sanitizeRemarks(req.remarks),
    QueueTimeOutURL: req.timeoutUrl,
    ResultURL: req.resultUrl,
    Occasion: sanitizeRemarks(req.occasion ?? req.remarks),
  });
}

/** Asks what became of a transaction, by its receipt or by the OriginatorConversationID of our request. */
export async function transactionStatus(ctx: InitiatorContext, req: StatusRequest): Promise<InitiatorSubmit> {
  const problem = requestProblem(ctx.config.env, req);
  if (problem) return problem;
  const lookup = req.transactionId
    ? { TransactionID: req.transactionId.trim().toUpperCase() }
    : // Safaricom's pages and SDKs spell this key both ways (docs/daraja.md 9): both are sent.
      {
        OriginatorConversationID: req.originatorConversationId,
        OriginalConversationID: req.originatorConversationId,
      };
  return submit(ctx.post, "/mpesa/transactionstatus/v1/query", {
    Initiator: ctx.initiator.name,
    SecurityCredential: ctx.initiator.securityCredential,
    CommandID: "TransactionStatusQuery",
    ...lookup,
    PartyA: ctx.config.shortcode,
    IdentifierType: ORGANISATION_IDENTIFIER,
    ResultURL: req.resultUrl,
    QueueTimeOutURL: req.timeoutUrl,
    Remarks: sanitizeRemarks(req.remarks),
    Occasion: "Status",
  });
}
