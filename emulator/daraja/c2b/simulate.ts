// Daraja's C2B simulate endpoint (`/mpesa/c2b/v1/simulate`): a Pay Bill payment on request.
import { openApiCall } from "../api-call";
import type { CallContext } from "../call-context";
import { invalidField } from "../errors";
import { msisdnFrom, shortcodeFrom, textOf } from "../fields";
import { errorReply, type DarajaReply } from "../reply";
import { makeC2bPayment } from "./payment";

const COMMANDS = ["CustomerPayBillOnline", "CustomerBuyGoodsOnline"] as const;

function amountFrom(value: unknown): number | null {
  const text = textOf(value);
  const amount = text === null || text.trim() === "" ? NaN : Number(text);
  return Number.isInteger(amount) && amount >= 1 && amount <= 250_000 ? amount : null;
}

/** POST /mpesa/c2b/v1/simulate (sandbox only on the real Daraja): a customer pays by hand. */
export function handleC2bSimulate(ctx: CallContext): DarajaReply {
  const { state } = ctx;
  const call = openApiCall(ctx);
  if (!call.ok) return call.reply;
  const { requestId, body } = call;
  const command = COMMANDS.find((c) => c === body.CommandID) ?? null;
  const checks: [field: string, value: unknown][] = [
    ["ShortCode", shortcodeFrom(body.ShortCode)],
    ["CommandID", command],
    ["Amount", amountFrom(body.Amount)],
    ["Msisdn", msisdnFrom(body.Msisdn)],
  ];
  const failed = checks.find(([, value]) => value === null);
  if (failed) return errorReply(invalidField(failed[0]), requestId);
  const shortcode = String(checks[0]![1]);
  const amount = Number(checks[2]![1]);
  const phone = String(checks[3]![1]);
  const account = command === "CustomerBuyGoodsOnline" ? "" : (textOf(body.BillRefNumber) ?? "");
  return {
    status: 200,
    phone,
    amount,
    body: {
      OriginatorCoversationID: state.ids.merchantRequestId(),
      ResponseCode: "0",
      ResponseDescription: "Accept the service request successfully.",
    },
    afterSend: () =>
      void makeC2bPayment(state, {
        kind: command === "CustomerBuyGoodsOnline" ? "Buy Goods" : "Pay Bill",
        paidTo: shortcode,
        account,
        amount,
        phone,
      }).catch((error: unknown) => state.say(`C2B simulate failed: ${String(error)}`)),
  };
}
