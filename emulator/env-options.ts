// Reads the emulator's options from EMULATOR_* environment variables.
import type { EmulatorOptions } from "./options";

type Env = Record<string, string | undefined>;

function numberFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`Not a number: ${value}`);
  return parsed;
}

function flagFrom(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return ["1", "true", "yes", "on"].includes(value.trim().toLowerCase());
}

function autoPayFrom(value: string | undefined): number | null | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  return ["off", "none", "null"].includes(value.trim().toLowerCase()) ? null : numberFrom(value);
}

/** "174379:passkey,600000:otherpasskey" */
function merchantsFrom(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  const pairs = value.split(",").map((pair) => pair.trim().split(":"));
  return Object.fromEntries(pairs.map(([shortcode = "", passkey = ""]) => [shortcode, passkey]));
}

/** "5555555:174379,6666666:600000" (till:store shortcode) */
function tillsFrom(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  const pairs = value.split(",").map((pair) => pair.trim().split(":"));
  return Object.fromEntries(pairs.map(([till = "", store = ""]) => [till, store]));
}

export function optionsFromEnv(env: Env = process.env): Partial<EmulatorOptions> {
  const key = env.EMULATOR_CONSUMER_KEY;
  const secret = env.EMULATOR_CONSUMER_SECRET;
  return {
    port: numberFrom(env.EMULATOR_PORT),
    host: env.EMULATOR_HOST || undefined,
    tokenLifetimeSec: numberFrom(env.EMULATOR_TOKEN_LIFETIME_SEC),
    promptTimeoutMs: numberFrom(env.EMULATOR_PROMPT_TIMEOUT_MS),
    timestampSkewSec: numberFrom(env.EMULATOR_TIMESTAMP_SKEW_SEC),
    duplicateAmountRule: flagFrom(env.EMULATOR_DUPLICATE_AMOUNT_RULE),
    autoPayMs: autoPayFrom(env.EMULATOR_AUTO_PAY_MS),
    merchants: merchantsFrom(env.EMULATOR_MERCHANTS),
    credentials: key && secret ? [{ consumerKey: key, consumerSecret: secret }] : undefined,
    acceptAnyCredentials: flagFrom(env.EMULATOR_ACCEPT_ANY_CREDENTIALS),
    businessName: env.EMULATOR_BUSINESS_NAME || undefined,
    wrongPin: env.EMULATOR_WRONG_PIN || undefined,
    callbackVarietySeed: autoPayFrom(env.EMULATOR_CALLBACK_VARIETY_SEED),
    quiet: flagFrom(env.EMULATOR_QUIET),
    smtpPort: numberFrom(env.EMULATOR_SMTP_PORT) ?? 1025,
    smsApiKey: env.EMULATOR_AT_API_KEY || undefined,
    smsDeliveryUrl: env.EMULATOR_SMS_DELIVERY_URL || undefined,
    smsDeliveryDelayMs: numberFrom(env.EMULATOR_SMS_DELIVERY_DELAY_MS),
    c2bValidation: flagFrom(env.EMULATOR_C2B_VALIDATION),
    c2bValidationTimeoutMs: numberFrom(env.EMULATOR_C2B_VALIDATION_TIMEOUT_MS),
    c2bRegisterOnce: flagFrom(env.EMULATOR_C2B_REGISTER_ONCE),
    tills: tillsFrom(env.EMULATOR_TILLS),
  };
}
