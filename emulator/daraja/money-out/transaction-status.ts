import type { CallContext } from "../call-context";
import { shortcodeFrom } from "../fields";
import type { DarajaReply } from "../reply";
import { eatTimestamp } from "../eat-time";
import type { EmulatorState } from "../../state";
import { initiatorAccepted } from "./initiator-credential";
import {
  acceptedReply,
  conversationId,
  openInitiatorCall,
  refuseField,
  textField,
} from "./initiator-request";
import { INITIATOR_INVALID, ORIGINAL_INVALID, SUCCESS, type ResultParameter } from "./initiator-result";
import { findOriginalPayment } from "./originals";
import { maskedMsisdn } from "../c2b/payment";
import { deliverResult } from "./result-delivery";

type Found = { parameters: ResultParameter[] } | null;

function details(fields: {
  receipt: string;
  amount: number;
  status: string;
  debit: string;
  credit: string;
  originator: string;
  at: Date;
}): ResultParameter[] {
  const time = Number(eatTimestamp(fields.at));
  return [
    { Key: "DebitPartyName", Value: fields.debit },
    { Key: "CreditPartyName", Value: fields.credit },
    { Key: "OriginatorConversationID", Value: "" },
    { Key: "InitiatedTime", Value: time },
    { Key: "Originator Conversation ID", Value: fields.originator },
    { Key: "DebitAccountType", Value: "MMF Account For Customer" },
    { Key: "DebitPartyCharges", Value: "" },
    { Key: "TransactionReason", Value: "" },
    { Key: "ReasonType", Value: "Pay Bill Online" },
    { Key: "TransactionStatus", Value: fields.status },
    { Key: "FinalisedTime", Value: time },
    { Key: "Amount", Value: fields.amount },
    { Key: "ConversationID", Value: "" },
    { Key: "ReceiptNo", Value: fields.receipt },
  ];
}

/** A payment into a shortcode, looked up by its receipt; only its own shortcode may look. */
function paymentIn(state: EmulatorState, receipt: string, partyA: string): Found {
  const original = findOriginalPayment(state, receipt);
  if (!original || original.shortcode !== partyA) return null;
  const name = state.options.businessName ?? "Duka";
  return {
    parameters: details({
      receipt,
      amount: original.amount,
      status: state.moneyOut.wasReversed(receipt) ? "Reversed" : "Completed",
      debit: `${state.options.statusPayerPhone === "masked" ? maskedMsisdn(original.phone) : original.phone} - ${state.options.customerFirstName}`,
      credit: `${original.shortcode} - ${name}`,
      originator: "",
      at: original.at,
    }),
  };
}

/** Our own Reversal or B2C, by its OriginatorConversationID or its receipt. Failed ones say "Failed". */
function moneyOut(state: EmulatorState, lookup: { receipt?: string; originator?: string }): Found {
  const record = lookup.originator
    ? state.moneyOut.byOriginatorConversationId(lookup.originator)
    : state.moneyOut.byReceipt(lookup.receipt ?? "");
  if (!record) return null;
  return {
    parameters: details({
      receipt: record.receipt ?? "",
      amount: record.amount,
      status: record.resultCode === "0" ? "Completed" : "Failed",
      debit: `${record.shortcode} - ${state.options.businessName ?? "Duka"}`,
      credit: `${record.phone ?? ""} - ${state.options.customerFirstName}`,
      originator: record.originatorConversationId,
      at: new Date(record.createdAt),
    }),
  };
}

/**
 * POST /mpesa/transactionstatus/v1/query: what became of a transaction, as a Result. By TransactionID, else
 * by OriginatorConversationID (docs/daraja.md 8.4 and 9).
 */
export function handleTransactionStatus(ctx: CallContext): DarajaReply {
  const { state, now } = ctx;
  const opened = openInitiatorCall(ctx, {
    initiatorField: "Initiator",
    commands: ["TransactionStatusQuery"],
  });
  if (!opened.ok) return opened.reply;
  const { requestId, body, resultUrl, timeoutUrl } = opened.value;
  const receipt = textField(body, "TransactionID")?.toUpperCase();
  // Both spellings are in use: Duka and some SDKs send OriginatorConversationID, Safaricom's current page and
  // other SDKs OriginalConversationID (docs/daraja.md 9).
  const originator = textField(body, "OriginatorConversationID") ?? textField(body, "OriginalConversationID");
  if (!receipt && !originator) return refuseField("TransactionID", requestId).reply;
  const partyA = shortcodeFrom(body.PartyA);
  if (!partyA) return refuseField("PartyA", requestId).reply;
  if (!["1", "2", "4"].includes(textField(body, "IdentifierType") ?? ""))
    return refuseField("IdentifierType", requestId).reply;

  const credentialOk = initiatorAccepted(
    state.options.initiators,
    textField(body, "Initiator")!,
    textField(body, "SecurityCredential")!,
  );
  // The receipt first: SDKs that send both fields put an id of their own in OriginatorConversationID.
  const byReceipt = receipt ? (paymentIn(state, receipt, partyA) ?? moneyOut(state, { receipt })) : null;
  const found = !credentialOk ? null : (byReceipt ?? (originator ? moneyOut(state, { originator }) : null));
  const outcome = !credentialOk ? INITIATOR_INVALID : found ? SUCCESS : ORIGINAL_INVALID;
  const conversation = conversationId(now);
  state.say(`transaction status of ${receipt ?? originator}: ${outcome.resultCode}`);
  return acceptedReply(
    requestId,
    conversation,
    () =>
      void deliverResult(state, {
        ...outcome,
        originatorConversationId: requestId,
        conversationId: conversation,
        transactionId: receipt ?? "",
        resultUrl,
        timeoutUrl,
        parameters: found?.parameters ?? [],
      }),
  );
}
