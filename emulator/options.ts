// The emulator's options (credentials, timings, faults) and their defaults.
import { DEFAULT_INITIATOR } from "./daraja/money-out/initiator-key";

export interface AppCredentials {
  consumerKey: string;
  consumerSecret: string;
}

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  tokenLifetimeSec: number;
  /** The portal claims a new token may revoke the app's older ones (uncertain): off by default. */
  singleTokenPerApp: boolean;
  /** An unanswered prompt ends in ResultCode 1037 after this long. */
  promptTimeoutMs: number;
  /** A push or query Timestamp further than this from EAT now is "Invalid Timestamp". */
  timestampSkewSec: number;
  /** ResultCode 17 when a phone already paid the same amount within duplicateWindowMs. */
  duplicateAmountRule: boolean;
  duplicateWindowMs: number;
  /** Demo mode: pay every prompt after this many ms; null waits for the phone page or control API. */
  autoPayMs: number | null;
  /** shortcode -> passkey */
  merchants: Record<string, string>;
  credentials: AppCredentials[];
  acceptAnyCredentials: boolean;
  /** Name on the phone prompt; null shows the AccountReference. */
  businessName: string | null;
  /** A PIN typed on the phone page that answers 2001. */
  wrongPin: string;
  callbackTimeoutMs: number;
  /**
   * Vary success callbacks as Daraja's do (item order, Amount `1800` or `1800.00`, Balance present or not),
   * drawn from this seed so a run repeats; null sends the documented form every time.
   */
  callbackVarietySeed: number | null;
  quiet: boolean;
  /** The local SMTP server's port: 0 picks a free one, null starts none. `npm run emulator` uses 1025. */
  smtpPort: number | null;
  /** The apiKey the Africa's Talking stand-in accepts. */
  smsApiKey: string;
  /**
   * Where the Africa's Talking stand-in POSTs a delivery report (form-encoded, AT's shape) shortly after it accepts
   * an SMS: the app's /api/notifications/sms-delivery/<token>. null sends none.
   */
  smsDeliveryUrl: string | null;
  /** How long after accepting an SMS its delivery report is sent. */
  smsDeliveryDelayMs: number;
  /** C2B: whether M-PESA asks the ValidationURL before completing a payment (external validation enabled). */
  c2bValidation: boolean;
  /** C2B: how long M-PESA waits for the validation answer before ResponseType decides. */
  c2bValidationTimeoutMs: number;
  /** C2B: production refuses to register a shortcode's URLs twice; the sandbox overwrites them. */
  c2bRegisterOnce: boolean;
  /** C2B: how MSISDN appears in notifications: masked "2547 ***** 149", a SHA-256 hash, or in full. */
  c2bMsisdn: "masked" | "hashed" | "plain";
  /**
   * Transaction Status: the payer's number in DebitPartyName ("254708374149 - JOHN"), or masked as C2B
   * notifications mask it ("2547 ***** 149 - JOHN"), which production may do (docs/daraja.md: uncertain).
   */
  statusPayerPhone: "plain" | "masked";
  /** C2B: till number -> the store shortcode whose registered URLs its payments are reported to. */
  tills: Record<string, string>;
  /** C2B: FirstName in notifications. */
  customerFirstName: string;
  /** Initiator name -> password: the API operators whose SecurityCredential is accepted (else 2001). */
  initiators: Record<string, string>;
  /** The B2C utility account's balance at start and after reset, in shillings: B2C fails with 1 below it. */
  b2cUtilityBalance: number;
}

export const SANDBOX_SHORTCODE = "174379";
export const SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
export const SANDBOX_PHONE = "254708374149";
export const DEFAULT_CREDENTIALS: AppCredentials = {
  consumerKey: "duka-emulator-key",
  consumerSecret: "duka-emulator-secret",
};

export const DEFAULT_OPTIONS: EmulatorOptions = {
  port: 4010,
  host: "127.0.0.1",
  tokenLifetimeSec: 3600,
  singleTokenPerApp: false,
  promptTimeoutMs: 60_000,
  timestampSkewSec: 300,
  duplicateAmountRule: true,
  duplicateWindowMs: 120_000,
  autoPayMs: null,
  merchants: { [SANDBOX_SHORTCODE]: SANDBOX_PASSKEY },
  credentials: [DEFAULT_CREDENTIALS],
  acceptAnyCredentials: false,
  businessName: null,
  wrongPin: "0000",
  callbackTimeoutMs: 10_000,
  callbackVarietySeed: null,
  quiet: false,
  smtpPort: 0,
  smsApiKey: "duka-emulator-at-key",
  smsDeliveryUrl: null,
  smsDeliveryDelayMs: 1000,
  c2bValidation: true,
  c2bValidationTimeoutMs: 8_000,
  c2bRegisterOnce: false,
  c2bMsisdn: "masked",
  statusPayerPhone: "plain",
  tills: {},
  customerFirstName: "JOHN",
  initiators: { [DEFAULT_INITIATOR.name]: DEFAULT_INITIATOR.password },
  b2cUtilityBalance: 100_000,
};

/** Later layers win; an explicit `undefined` does not erase an earlier value. */
export function mergeOptions(base: EmulatorOptions, ...layers: Partial<EmulatorOptions>[]): EmulatorOptions {
  const merged: Record<string, unknown> = { ...base };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged as unknown as EmulatorOptions;
}
