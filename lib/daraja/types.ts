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

// Reversal, B2C and Transaction Status (docs/daraja.md 8).

/** The API operator Duka acts as for money going out and for look-ups (docs/daraja.md 8.1). */
export type InitiatorConfig = {
  name: string;
  securityCredential: string;
  /** PartyA of B2C: some accounts pay out from a shortcode of their own. */
  b2cShortcode: string;
};

type ResultUrls = { resultUrl: string; timeoutUrl: string };

export type ReversalRequest = ResultUrls & {
  /** The M-Pesa receipt of the payment to reverse. */
  transactionId: string;
  amountKes: number;
  remarks: string;
  occasion?: string;
};

export type B2cRequest = ResultUrls & {
  /** Ours, unique per payment (B2C v3): it is how a lost result is looked up later. */
  originatorConversationId: string;
  phone: string;
  amountKes: number;
  remarks: string;
  occasion?: string;
};

export type StatusRequest = ResultUrls & { remarks: string } & (
    | { transactionId: string; originatorConversationId?: never }
    | { originatorConversationId: string; transactionId?: never }
  );

/** Daraja's immediate answer: only "accepted for processing"; the outcome comes later as a Result. */
export type InitiatorSubmit =
  | { outcome: "accepted"; originatorConversationId: string; conversationId: string }
  | { outcome: "rejected"; error: DarajaError }
  | { outcome: "unknown"; reason: "timeout" | "network" | "bad_response"; detail: string };

/** A Result POSTed to ResultURL (or to QueueTimeOutURL), reshaped. */
export type InitiatorResult = {
  resultType: string;
  /** "0" is success; codes are compared as strings. */
  resultCode: string;
  resultDesc: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId: string;
  /** ResultParameters by Key, values as text. */
  parameters: Record<string, string>;
};

export type InitiatorResultParse = { ok: true; result: InitiatorResult } | { ok: false; error: string };

/** What a successful Transaction Status result says about the transaction it looked up. */
export type TransactionFacts = {
  receipt: string;
  amountKes: number | null;
  /** "Completed", "Failed", "Reversed"...: as sent. */
  status: string;
  /** "254708374149 - John Doe" style, as sent. */
  debitPartyName: string;
  /** The paying phone of debitPartyName (2547XXXXXXXX), or null when it does not show one (masked). */
  payerPhone: string | null;
  creditPartyName: string;
  originatorConversationId: string;
  finalisedAt: Date | null;
};
