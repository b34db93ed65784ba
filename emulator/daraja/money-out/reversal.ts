import type { CallContext } from "../call-context";
import { shortcodeFrom } from "../fields";
import type { DarajaReply } from "../reply";
import { eatTimestamp } from "../eat-time";
import { initiatorAccepted } from "./initiator-credential";
import {
  acceptedReply,
  amountField,
  conversationId,
  openInitiatorCall,
  refuseField,
  textField,
} from "./initiator-request";
import { ALREADY_REVERSED, INITIATOR_INVALID, ORIGINAL_INVALID, SUCCESS } from "./initiator-result";
import { findOriginalPayment } from "./originals";
import { deliverResult } from "./result-delivery";

// Daraja's spelling (sic); the correct one is refused (docs/daraja.md 8.2).
const IDENTIFIER_TYPE_FIELD = "RecieverIdentifierType";

/** POST /mpesa/reversal/v1/request: a whole payment back to its payer, once, for its exact amount. */
export function handleReversal(ctx: CallContext): DarajaReply {
  const { state, now } = ctx;
  const opened = openInitiatorCall(ctx, { initiatorField: "Initiator", commands: ["TransactionReversal"] });
  if (!opened.ok) return opened.reply;
  const { requestId, body, resultUrl, timeoutUrl, remarks } = opened.value;
  const transactionId = textField(body, "TransactionID")?.toUpperCase();
  if (!transactionId || !/^[A-Z0-9]{8,12}$/.test(transactionId))
    return refuseField("TransactionID", requestId).reply;
  const amount = amountField(body);
  if (amount === null) return refuseField("Amount", requestId).reply;
  const receiverParty = shortcodeFrom(body.ReceiverParty);
  if (!receiverParty) return refuseField("ReceiverParty", requestId).reply;
  if (!["11", "4"].includes(textField(body, IDENTIFIER_TYPE_FIELD) ?? ""))
    return refuseField(IDENTIFIER_TYPE_FIELD, requestId).reply;

  const original = findOriginalPayment(state, transactionId);
  const outcome = !initiatorAccepted(
    state.options.initiators,
    textField(body, "Initiator")!,
    textField(body, "SecurityCredential")!,
  )
    ? INITIATOR_INVALID
    : (state.moneyOut.takeNextFailure() ??
      (!original || original.amount !== amount || original.shortcode !== receiverParty
        ? ORIGINAL_INVALID
        : state.moneyOut.wasReversed(transactionId)
          ? ALREADY_REVERSED
          : SUCCESS));
  const succeeded = outcome.resultCode === "0";
  const record = {
    api: "reversal" as const,
    transactionId,
    amount,
    originatorConversationId: requestId,
    conversationId: conversationId(now),
    ...outcome,
    receipt: succeeded ? state.ids.receipt() : null,
    phone: original?.phone ?? null,
    shortcode: receiverParty,
    resultUrl,
    timeoutUrl,
    createdAt: now.toISOString(),
  };
  state.moneyOut.add(record);
  state.say(
    `reversal of ${transactionId} KES ${amount} (${remarks}): ${outcome.resultCode} ${outcome.resultDesc}`,
  );
  const parameters = succeeded
    ? [
        { Key: "DebitAccountBalance", Value: "Utility Account|KES|0.00|0.00|0.00|0.00" },
        { Key: "Amount", Value: amount },
        { Key: "TransCompletedTime", Value: Number(eatTimestamp(now)) },
        { Key: "OriginalTransactionID", Value: transactionId },
        { Key: "Charge", Value: 0 },
        {
          Key: "CreditPartyPublicName",
          Value: `${original?.phone ?? ""} - ${state.options.customerFirstName}`,
        },
        { Key: "DebitPartyPublicName", Value: `${receiverParty} - ${state.options.businessName ?? "Duka"}` },
      ]
    : [];
  return acceptedReply(
    record.originatorConversationId,
    record.conversationId,
    () =>
      void deliverResult(state, { ...record, transactionId: record.receipt ?? transactionId, parameters }),
    amount,
  );
}
