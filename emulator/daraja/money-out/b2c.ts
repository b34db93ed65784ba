import type { CallContext } from "../call-context";
import { msisdnFrom, shortcodeFrom } from "../fields";
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
import { INITIATOR_INVALID, INSUFFICIENT_BALANCE, SUCCESS } from "./initiator-result";
import { deliverResult } from "./result-delivery";

const COMMANDS = ["BusinessPayment", "SalaryPayment", "PromotionPayment"] as const;

/** "05.12.2026 17:31:02" in EAT, as TransactionCompletedDateTime. */
function dottedEat(at: Date): string {
  const t = eatTimestamp(at);
  return `${t.slice(6, 8)}.${t.slice(4, 6)}.${t.slice(0, 4)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}

/**
 * POST /mpesa/b2c/v3/paymentrequest (and the older v1): money from the utility account to a phone, while the
 * balance lasts. v3 takes the caller's OriginatorConversationID and requires it; v1, which public SDKs still
 * call, has none and Daraja makes one up (docs/daraja.md 8.3 and 9).
 */
export function handleB2c(ctx: CallContext, version: "v1" | "v3" = "v3"): DarajaReply {
  const { state, now } = ctx;
  // Daraja reads the body as JSON only with the header: without it the first field it misses is this one.
  const json = (ctx.headers["content-type"] ?? "").toLowerCase().includes("application/json");
  const opened = openInitiatorCall(ctx, { initiatorField: "InitiatorName", commands: COMMANDS });
  if (!opened.ok) return opened.reply;
  const { requestId, body, resultUrl, timeoutUrl, remarks } = opened.value;
  if (!json) return refuseField("InitiatorName", requestId).reply;
  const originatorConversationId =
    textField(body, "OriginatorConversationID") ?? (version === "v1" ? requestId : null);
  if (!originatorConversationId) return refuseField("OriginatorConversationID", requestId).reply;
  const amount = amountField(body);
  if (amount === null) return refuseField("Amount", requestId).reply;
  const partyA = shortcodeFrom(body.PartyA);
  if (!partyA) return refuseField("PartyA", requestId).reply;
  const partyB = msisdnFrom(body.PartyB);
  if (!partyB) return refuseField("PartyB", requestId).reply;

  const credentialOk = initiatorAccepted(
    state.options.initiators,
    textField(body, "InitiatorName")!,
    textField(body, "SecurityCredential")!,
  );
  const outcome = !credentialOk
    ? INITIATOR_INVALID
    : (state.moneyOut.takeNextFailure() ??
      (state.moneyOut.utilityBalance < amount ? INSUFFICIENT_BALANCE : SUCCESS));
  const succeeded = outcome.resultCode === "0";
  if (succeeded) state.moneyOut.utilityBalance -= amount;
  const record = {
    api: "b2c" as const,
    amount,
    partyB,
    originatorConversationId,
    conversationId: conversationId(now),
    ...outcome,
    receipt: succeeded ? state.ids.receipt() : null,
    phone: partyB,
    shortcode: partyA,
    resultUrl,
    timeoutUrl,
    createdAt: now.toISOString(),
  };
  state.moneyOut.add(record);
  state.say(`B2C KES ${amount} to ${partyB} (${remarks}): ${outcome.resultCode} ${outcome.resultDesc}`);
  const parameters = succeeded
    ? [
        { Key: "TransactionAmount", Value: amount },
        { Key: "TransactionReceipt", Value: record.receipt! },
        { Key: "B2CRecipientIsRegisteredCustomer", Value: "Y" },
        { Key: "B2CChargesPaidAccountAvailableFunds", Value: 0 },
        { Key: "ReceiverPartyPublicName", Value: `${partyB} - ${state.options.customerFirstName}` },
        { Key: "TransactionCompletedDateTime", Value: dottedEat(now) },
        { Key: "B2CUtilityAccountAvailableFunds", Value: state.moneyOut.utilityBalance },
        { Key: "B2CWorkingAccountAvailableFunds", Value: 0 },
      ]
    : [];
  return acceptedReply(
    originatorConversationId,
    record.conversationId,
    () => void deliverResult(state, { ...record, transactionId: record.receipt ?? "", parameters }),
    amount,
  );
}
