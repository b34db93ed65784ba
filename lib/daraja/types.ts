import type {
  B2cRequest,
  InitiatorConfig,
  InitiatorSubmit,
  ReversalRequest,
  StatusRequest,
} from "./initiator-types";

export type DarajaEnv = "emulator" | "sandbox" | "production";
export type TransactionType = "CustomerPayBillOnline" | "CustomerBuyGoodsOnline";

export type DarajaConfig = {
  env: DarajaEnv;
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
  transactionType: TransactionType;
  /** PartyB for buy-goods; the shortcode stays the store (head office) number. */
  tillNumber?: string;
  /** Per-request timeout; DEFAULT_TIMEOUT_MS when omitted. */
  timeoutMs?: number;
  /** The API operator for Reversal, B2C and Transaction Status; without it those requests are refused. */
  initiator?: InitiatorConfig;
};

export type DarajaErrorKind =
  | "invalid_request"
  | "auth"
  | "wrong_credentials"
  | "subscriber_locked"
  | "rate_limited"
  | "server_error"
  | "unknown";

export type DarajaError = {
  kind: DarajaErrorKind;
  httpStatus?: number;
  errorCode?: string;
  errorMessage?: string;
  field?: string;
  shopperMessage: string;
  /** An invalid field that is our configuration (shortcode, callback URL...), not the shopper's input. */
  blamesShop?: true;
  retryAfterSeconds?: number;
};

export type StkPushRequest = {
  phone: string;
  amountKes: number;
  callbackUrl: string;
  accountReference: string;
  description: string;
};

export type PushResult =
  | { outcome: "accepted"; merchantRequestId: string; checkoutRequestId: string; customerMessage: string }
  | { outcome: "rejected"; error: DarajaError }
  | { outcome: "unknown"; reason: "timeout" | "network" | "bad_response"; detail: string };

export type QueryResult =
  | { state: "pending" }
  | {
      state: "final";
      resultCode: string;
      resultDesc: string;
      merchantRequestId?: string;
      checkoutRequestId: string;
    }
  | { state: "not_found" }
  | { state: "error"; error: DarajaError };

export type StkCallback =
  | {
      success: true;
      merchantRequestId: string;
      checkoutRequestId: string;
      resultCode: "0";
      resultDesc: string;
      amount: number;
      receipt: string;
      transactionDate: Date;
      /** True when the callback had no usable TransactionDate and transactionDate is the receive time. */
      transactionDateMissing?: true;
      phone?: string;
      balance?: number;
    }
  | {
      success: false;
      merchantRequestId: string;
      checkoutRequestId: string;
      resultCode: string;
      resultDesc: string;
    };

export type CallbackParse =
  | { ok: true; callback: StkCallback }
  | {
      ok: false;
      error: string;
      /** A success whose metadata is unusable still names its prompt: enough to record it and query it. */
      unusableSuccess?: { merchantRequestId: string; checkoutRequestId: string };
    };

/** A C2B validation or confirmation, reshaped. */
export type C2bNotification = {
  transId: string;
  /** "Pay Bill" or "Buy Goods" as sent. */
  transactionType: string;
  transTime: Date;
  /** TransAmount as sent, e.g. "1800.00". */
  amountText: string;
  /** Whole shillings; null when the amount has cents. */
  amountKes: number | null;
  shortcode: string;
  /** What the customer typed as account number (empty for Buy Goods), unchanged. */
  billRefNumber: string;
  /** Masked or hashed in production: keep it, never match on it. */
  msisdn: string;
  name: string;
};

export type C2bNotificationParse = { ok: true; payment: C2bNotification } | { ok: false; error: string };

export type C2bRegisterRequest = {
  responseType: "Completed" | "Cancelled";
  confirmationUrl: string;
  validationUrl: string;
};

export type C2bRegisterResult =
  | { ok: true; conversationId: string; description: string }
  | { ok: false; httpStatus?: number; errorCode?: string; errorMessage: string; field?: string };

export type DarajaClient = {
  stkPush(req: StkPushRequest): Promise<PushResult>;
  stkQuery(checkoutRequestId: string): Promise<QueryResult>;
  registerC2bUrls(req: C2bRegisterRequest): Promise<C2bRegisterResult>;
  /** Throws DarajaAuthError when Daraja refuses or cannot be reached. */
  getToken(): Promise<string>;
  reversal(req: ReversalRequest): Promise<InitiatorSubmit>;
  b2cPayment(req: B2cRequest): Promise<InitiatorSubmit>;
  transactionStatus(req: StatusRequest): Promise<InitiatorSubmit>;
};
