import type { CallContext } from "../call-context";
import { eatTimestamp } from "../eat-time";
import { shortcodeFrom } from "../fields";
import type { DarajaReply } from "../reply";
import type { EmulatorState } from "../../state";
import { initiatorAccepted } from "./initiator-credential";
import {
  acceptedReply,
  conversationId,
  openInitiatorCall,
  refuseField,
  textField,
} from "./initiator-request";
import { INITIATOR_INVALID, SUCCESS } from "./initiator-result";
import { deliverResult } from "./result-delivery";

/** "<account>|KES|<current>|<available>|<reserved>|<uncleared>" per account, joined by "&", as Daraja writes it. */
function balancesText(state: EmulatorState, shortcode: string): string {
  const accounts: [name: string, amount: number][] = [
    ["Working Account", state.c2b.balanceOf(shortcode)],
    ["Float Account", 0],
    ["Utility Account", state.moneyOut.utilityBalance],
    ["Charges Paid Account", 0],
    ["Organization Settlement Account", 0],
  ];
  return accounts
    .map(([name, amount]) => `${name}|KES|${amount.toFixed(2)}|${amount.toFixed(2)}|0.00|0.00`)
    .join("&");
}

/**
 * POST /mpesa/accountbalance/v1/query: the shortcode's balances, POSTed later as a Result (docs/daraja.md
 * 9). The Working Account holds what Pay Bill and Buy Goods payments brought in, the Utility Account what
 * B2C pays from.
 */
export function handleAccountBalance(ctx: CallContext): DarajaReply {
  const { state, now } = ctx;
  const opened = openInitiatorCall(ctx, { initiatorField: "Initiator", commands: ["AccountBalance"] });
  if (!opened.ok) return opened.reply;
  const { requestId, body, resultUrl, timeoutUrl } = opened.value;
  const partyA = shortcodeFrom(body.PartyA);
  if (!partyA) return refuseField("PartyA", requestId).reply;
  if (!["1", "2", "4"].includes(textField(body, "IdentifierType") ?? ""))
    return refuseField("IdentifierType", requestId).reply;

  const credentialOk = initiatorAccepted(
    state.options.initiators,
    textField(body, "Initiator")!,
    textField(body, "SecurityCredential")!,
  );
  const outcome = credentialOk ? SUCCESS : INITIATOR_INVALID;
  const parameters = credentialOk
    ? [
        { Key: "AccountBalance", Value: balancesText(state, partyA) },
        { Key: "BOCompletedTime", Value: Number(eatTimestamp(now)) },
      ]
    : [];
  const conversation = conversationId(now);
  state.say(`account balance of ${partyA}: ${outcome.resultCode}`);
  return acceptedReply(
    requestId,
    conversation,
    () =>
      void deliverResult(state, {
        ...outcome,
        originatorConversationId: requestId,
        conversationId: conversation,
        // Daraja's balance results carry a placeholder id such as "LGS0000000".
        transactionId: `${state.ids.receipt().slice(0, 3)}0000000`,
        resultUrl,
        timeoutUrl,
        parameters,
      }),
  );
}
