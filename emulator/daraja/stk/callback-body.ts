// Builds the STK callback body Daraja POSTs for a finished prompt.
import { applyCallbackForm, type CallbackForm } from "./callback-variety";
import { eatTimestamp } from "../eat-time";
import type { Prompt } from "./prompt-store";
import type { CallbackItem, StkCallbackBody } from "./callback-shape";

/** The body Daraja POSTs; the metadata only on success, in the documented form unless one is drawn. */
export function buildCallbackBody(
  prompt: Prompt,
  amountOverride?: number,
  form: CallbackForm | null = null,
): StkCallbackBody {
  const stkCallback: StkCallbackBody["Body"]["stkCallback"] = {
    MerchantRequestID: prompt.merchantRequestId,
    CheckoutRequestID: prompt.checkoutRequestId,
    ResultCode: prompt.resultCode ?? 0,
    ResultDesc: prompt.resultDesc ?? "",
  };
  if (prompt.state === "paid") {
    const items: CallbackItem[] = [
      { Name: "Amount", Value: amountOverride ?? prompt.amount },
      { Name: "MpesaReceiptNumber", Value: prompt.receipt ?? "" },
      { Name: "Balance" },
      { Name: "TransactionDate", Value: Number(eatTimestamp(prompt.completedAt ?? new Date())) },
      { Name: "PhoneNumber", Value: Number(prompt.phone) },
    ];
    stkCallback.CallbackMetadata = { Item: form ? applyCallbackForm(items, form) : items };
  }
  return { Body: { stkCallback } };
}
