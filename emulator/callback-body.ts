import { applyCallbackForm, type CallbackForm } from "./callback-variety";
import { eatTimestamp } from "./eat-time";
import type { Prompt } from "./prompt-store";

export interface CallbackItem {
  Name: string;
  Value?: number | string;
}

export interface StkCallbackBody {
  Body: {
    stkCallback: {
      MerchantRequestID: string;
      CheckoutRequestID: string;
      ResultCode: number | string;
      ResultDesc: string;
      CallbackMetadata?: { Item: CallbackItem[] };
    };
  };
}

export interface DeliveryRecord {
  id: number;
  checkoutRequestId: string;
  url: string;
  sentAt: string;
  /** The receiver's HTTP status; null when it could not be reached or the callback was dropped. */
  status: number | null;
  error: string | null;
  latencyMs: number;
  body: StkCallbackBody;
  /** The exact text POSTed (Amount may read `1800.00` there, and `1800` in body). */
  rawBody: string;
  responseBody: string | null;
  /** Callback faults applied to this delivery, e.g. "delay 500ms", "wrongAmount", "drop". */
  faults: string[];
}

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
