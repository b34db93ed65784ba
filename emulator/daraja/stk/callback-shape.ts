// The STK callback Daraja POSTs, and the record of one delivery of it: types only.

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
