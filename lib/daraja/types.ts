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

export type DarajaClient = {
  stkPush(req: StkPushRequest): Promise<PushResult>;
  stkQuery(checkoutRequestId: string): Promise<QueryResult>;
  /** Throws DarajaAuthError when Daraja refuses or cannot be reached. */
  getToken(): Promise<string>;
};
