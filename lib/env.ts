import { z } from "zod";
import { certificateFor, securityCredential } from "@/lib/daraja";

/**
 * Every setting Duka reads, validated once. With nothing set, the app runs locally on the embedded
 * PostgreSQL and the bundled Daraja emulator. `.env.example` documents each variable.
 */

// The public sandbox credentials: the emulator accepts them too, so local runs need no account.
export const SANDBOX_SHORTCODE = "174379";
export const SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
export const EMULATOR_CONSUMER_KEY = "duka-emulator-key";
export const EMULATOR_CONSUMER_SECRET = "duka-emulator-secret";
// The emulator's own API operator: refunds work locally out of the box, as payments do.
export const EMULATOR_INITIATOR_NAME = "duka-emulator-initiator";
export const EMULATOR_INITIATOR_PASSWORD = "Duka-Emulator-Initiator-1!";
const DEV_AUTH_SECRET = "duka-dev-only-secret-change-me-in-production";
export const DEV_SELLER_EMAIL = "owner@duka.test";
export const DEV_SELLER_PASSWORD = "duka-owner-123";

const BASE_URLS = {
  sandbox: "https://sandbox.safaricom.co.ke",
  production: "https://api.safaricom.co.ke",
} as const;

const empty = (v: unknown) => (v === "" ? undefined : v);
const optionalString = z.preprocess(empty, z.string().trim().min(1).optional());
const url = z.preprocess(empty, z.url({ protocol: /^https?$/ }).optional());
const int = (def: number, min: number, max: number) =>
  z.preprocess(empty, z.coerce.number().int().min(min).max(max).default(def));
const digits = (min: number, max: number) =>
  z.preprocess(
    empty,
    z
      .string()
      .regex(new RegExp(`^\\d{${min},${max}}$`), `must be ${min}-${max} digits`)
      .optional(),
  );

function isTrustedProxies(value: string): boolean {
  if (/^\d{1,2}$/.test(value)) return true;
  return value.split(",").every((entry) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry.trim()));
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
      .optional(),
  ),
  // The direct (unpooled) URL: migrations (prisma.config.ts) and the live streams' one LISTEN connection.
  DIRECT_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
      .optional(),
  ),
  EMBEDDED_PG_PORT: int(54329, 1024, 65534),
  PUBLIC_URL: url,
  VERCEL_ENV: optionalString,
  VERCEL_URL: optionalString,
  VERCEL_PROJECT_PRODUCTION_URL: optionalString,

  MPESA_ENV: z.preprocess(empty, z.enum(["emulator", "sandbox", "production"]).default("emulator")),
  MPESA_BASE_URL: url,
  MPESA_CONSUMER_KEY: optionalString,
  MPESA_CONSUMER_SECRET: optionalString,
  MPESA_SHORTCODE: digits(5, 7),
  MPESA_PASSKEY: optionalString,
  MPESA_TRANSACTION_TYPE: z.preprocess(
    empty,
    z.enum(["CustomerPayBillOnline", "CustomerBuyGoodsOnline"]).default("CustomerPayBillOnline"),
  ),
  MPESA_TILL_NUMBER: digits(5, 8),
  MPESA_TIMEOUT_MS: int(15_000, 1_000, 120_000),
  MPESA_CALLBACK_IPS: optionalString,
  MPESA_INITIATOR_NAME: optionalString,
  MPESA_INITIATOR_PASSWORD: optionalString,
  MPESA_SECURITY_CREDENTIAL: z.preprocess(
    empty,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9+/=\s]{40,}$/, "must be the base64 SecurityCredential from the Daraja portal")
      .optional(),
  ),
  MPESA_B2C_SHORTCODE: digits(5, 7),
  EMULATOR_PORT: int(4010, 1, 65535),

  AUTH_SECRET: optionalString,
  SELLER_EMAIL: z.preprocess(empty, z.email().optional()),
  SELLER_PASSWORD: z.preprocess(empty, z.string().min(8, "must be at least 8 characters").optional()),
  CRON_SECRET: optionalString,
  // "1" only from `npm run dev` and the test harness (scripts/with-db.mjs, vitest.config.ts): how the server
  // runs decides whether it may use the public development secrets, never NODE_ENV alone.
  DUKA_DEV_DEFAULTS: optionalString,

  RESERVATION_MINUTES: int(15, 1, 24 * 60),
  PROMPTS_PER_PHONE: int(3, 1, 1000),
  CHECKOUTS_PER_IP: int(30, 1, 100_000),
  LIMIT_WINDOW_MINUTES: int(10, 1, 24 * 60),
  UPLOAD_DIR: z.preprocess(empty, z.string().default("public/uploads")),
  BLOB_READ_WRITE_TOKEN: z.preprocess(
    empty,
    z
      .string()
      .trim()
      .regex(/^vercel_blob_rw_[A-Za-z0-9]+_./, "must be the token Vercel shows for the Blob store")
      .optional(),
  ),

  // Set to "1" by Vercel on every deployment: its disk is not kept between calls.
  VERCEL: optionalString,
  TRUSTED_PROXIES: z.preprocess(
    empty,
    z
      .string()
      .trim()
      .refine(isTrustedProxies, "must be a number of proxy hops (e.g. 1) or comma-separated IPs/CIDRs")
      .optional(),
  ),
  MAX_QUANTITY_PER_LINE: int(10, 1, 99),
  MAX_ITEMS_PER_ORDER: int(30, 1, 10_000),
  OPEN_ORDERS_PER_PHONE: int(4, 1, 1000),
  OPEN_ORDERS_PER_IP: int(20, 1, 100_000),
  PHONES_PER_IP: int(5, 1, 100_000),
  RESERVED_UNITS_PER_IP: int(40, 1, 1_000_000),
  POD_ORDERS_PER_PHONE: int(2, 1, 1000),
  POD_ORDERS_PER_IP: int(5, 1, 100_000),
  NUMBER_CHANGES_PER_ORDER: int(2, 0, 20),
  REJECTED_CALLBACKS_PER_IP: int(60, 0, 100_000),
  REJECTED_CALLBACK_RETENTION_DAYS: int(7, 1, 365),
  SHOP_NAME: z.preprocess(empty, z.string().trim().min(1).max(40).default("Duka")),
  AT_USERNAME: optionalString,
  AT_API_KEY: optionalString,
  AT_SENDER_ID: optionalString,
  AT_BASE_URL: url,
  // The secret last segment of the delivery report URL set on AT's dashboard
  // (${PUBLIC_URL}/api/notifications/sms-delivery/<token>).
  AT_DELIVERY_REPORT_TOKEN: z.preprocess(
    empty,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{16,200}$/, "must be 16-200 letters, digits, - or _ (openssl rand -hex 24)")
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
  ),
  MAIL_FROM: optionalString,
  SELLER_PHONE: z.preprocess(
    empty,
    z
      .string()
      .regex(/^\+?(254|0)?[17]\d{8}$/, "must be a Kenyan mobile number, e.g. 254712345678")
      .optional(),
  ),
  NOTIFY_TIMEOUT_MS: int(10_000, 500, 60_000),
  NOTIFY_RETRY_SECONDS: z.preprocess(
    empty,
    z
      .string()
      .regex(/^\d+(,\d+){0,19}$/, "must be comma-separated seconds, e.g. 60,300,1800,7200")
      .default("60,300,1800,7200")
      .transform((s) => s.split(",").map(Number)),
  ),
  EMULATOR_SMTP_PORT: int(1025, 1, 65535),

  // Live order status: "off" makes every stream poll the database instead of LISTENing.
  LIVE_LISTEN: z.preprocess(empty, z.enum(["on", "off"]).default("on")),
  // A stream ends itself after this long (the browser reconnects): keep it under the route's maxDuration.
  LIVE_STREAM_SECONDS: int(55, 5, 3600),
});

type RawEnv = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function publicUrl(raw: RawEnv): string {
  if (raw.PUBLIC_URL) return raw.PUBLIC_URL.replace(/\/+$/, "");
  // A preview deployment's callbacks must come back to the preview, not to the production shop.
  const vercelHost =
    raw.VERCEL_ENV === "production" ? (raw.VERCEL_PROJECT_PRODUCTION_URL ?? raw.VERCEL_URL) : raw.VERCEL_URL;
  if (vercelHost) return `https://${vercelHost}`;
  return "http://localhost:3000";
}

function defaultDarajaUrl(raw: RawEnv): string {
  return raw.MPESA_ENV === "emulator" ? `http://127.0.0.1:${raw.EMULATOR_PORT}` : BASE_URLS[raw.MPESA_ENV];
}

const DEV_DEFAULTS_RULE = "only `npm run dev` and the tests run on development defaults";

/**
 * The public development secrets are for `npm run dev` and the test harness, which say so with
 * DUKA_DEV_DEFAULTS=1; never for a production build or a shop taking real money, whatever NODE_ENV says.
 */
function mayUseDevDefaults(raw: RawEnv): boolean {
  return raw.DUKA_DEV_DEFAULTS === "1" && raw.NODE_ENV !== "production" && raw.MPESA_ENV !== "production";
}

/** Cross-field rules: production Daraja needs real credentials and an https callback. */
function crossCheck(raw: RawEnv, callbackBase: string, building: boolean): string[] {
  const problems: string[] = [];
  if (raw.MPESA_ENV !== "emulator") {
    for (const key of [
      "MPESA_CONSUMER_KEY",
      "MPESA_CONSUMER_SECRET",
      "MPESA_SHORTCODE",
      "MPESA_PASSKEY",
    ] as const) {
      if (!raw[key]) problems.push(`${key}: required when MPESA_ENV=${raw.MPESA_ENV}`);
    }
  }
  if (raw.MPESA_TRANSACTION_TYPE === "CustomerBuyGoodsOnline" && !raw.MPESA_TILL_NUMBER) {
    problems.push("MPESA_TILL_NUMBER: required when MPESA_TRANSACTION_TYPE=CustomerBuyGoodsOnline");
  }
  if (raw.MPESA_ENV === "production") {
    if (!callbackBase.startsWith("https://"))
      problems.push("PUBLIC_URL: must be an https URL when MPESA_ENV=production");
    if (/localhost|127\.0\.0\.1/.test(callbackBase))
      problems.push("PUBLIC_URL: must be public when MPESA_ENV=production");
  }
  if (Boolean(raw.AT_USERNAME) !== Boolean(raw.AT_API_KEY))
    problems.push("AT_USERNAME / AT_API_KEY: set both or neither");
  if (raw.SMTP_URL && !raw.MAIL_FROM) problems.push("MAIL_FROM: required when SMTP_URL is set");
  // A sandbox shop on a public host is still public: its sessions and cron need real secrets too.
  if (!mayUseDevDefaults(raw) && !building) {
    if (!raw.AUTH_SECRET || raw.AUTH_SECRET === DEV_AUTH_SECRET)
      problems.push(`AUTH_SECRET: required (openssl rand -base64 32); ${DEV_DEFAULTS_RULE}`);
    if (!raw.CRON_SECRET) problems.push(`CRON_SECRET: required; ${DEV_DEFAULTS_RULE}`);
  }
  if (raw.MPESA_ENV === "production" && raw.SELLER_PASSWORD === DEV_SELLER_PASSWORD)
    problems.push("SELLER_PASSWORD: the development default is refused in production");
  return problems;
}

/**
 * The API operator for refunds and look-ups: a ready SecurityCredential wins over a password encrypted here
 * with the environment's certificate. Without one, refunds are off and `reason` says why.
 */
function initiatorSettings(raw: RawEnv) {
  const shortcode = raw.MPESA_SHORTCODE ?? SANDBOX_SHORTCODE;
  const local = raw.MPESA_ENV === "emulator" && !raw.MPESA_INITIATOR_NAME;
  const name = local ? EMULATOR_INITIATOR_NAME : raw.MPESA_INITIATOR_NAME;
  const password = local ? EMULATOR_INITIATOR_PASSWORD : raw.MPESA_INITIATOR_PASSWORD;
  const ready = local ? undefined : raw.MPESA_SECURITY_CREDENTIAL?.replace(/\s+/g, "");
  if (!name || (!ready && !password)) {
    const reason = name
      ? "MPESA_INITIATOR_PASSWORD or MPESA_SECURITY_CREDENTIAL is not set"
      : "MPESA_INITIATOR_NAME is not set";
    return { initiator: undefined, refundsOffReason: reason };
  }
  const credential = ready ?? securityCredential(password!, certificateFor(raw.MPESA_ENV));
  return {
    initiator: { name, securityCredential: credential, b2cShortcode: raw.MPESA_B2C_SHORTCODE ?? shortcode },
    refundsOffReason: null,
  };
}

/** Trust in forwarding headers: the platform's (Vercel), a number of proxy hops, or proxies' addresses. */
function trustedProxies(raw: RawEnv): { hops: number } | { addresses: string[] } | { vercel: true } | null {
  if (raw.TRUSTED_PROXIES) {
    if (/^\d+$/.test(raw.TRUSTED_PROXIES)) return { hops: Number(raw.TRUSTED_PROXIES) };
    return { addresses: raw.TRUSTED_PROXIES.split(",").map((a) => a.trim()) };
  }
  return raw.VERCEL === "1" ? { vercel: true } : null;
}

const AT_BASE_URLS = {
  live: "https://api.africastalking.com",
  sandbox: "https://api.sandbox.africastalking.com",
} as const;
/** The emulator's Africa's Talking stand-in accepts this key (it checks that one is sent). */
export const EMULATOR_AT_API_KEY = "duka-emulator-at-key";
/** The delivery report token when SMS go to the emulator and none is set (scripts/dev.mjs uses the same). */
export const EMULATOR_DELIVERY_REPORT_TOKEN = "duka-emulator-delivery-report-token";

/**
 * Each channel is real when configured, the emulator's local inbox when Duka runs on the emulator with
 * nothing configured (so `npm run dev` shows every message), and off otherwise.
 */
function notificationSettings(raw: RawEnv) {
  const local = raw.MPESA_ENV === "emulator";
  const emulatorUrl = `http://127.0.0.1:${raw.EMULATOR_PORT}`;
  const sms = raw.AT_USERNAME
    ? {
        baseUrl:
          raw.AT_BASE_URL ?? (raw.AT_USERNAME === "sandbox" ? AT_BASE_URLS.sandbox : AT_BASE_URLS.live),
        username: raw.AT_USERNAME,
        apiKey: raw.AT_API_KEY ?? "",
        senderId: raw.AT_SENDER_ID,
      }
    : local
      ? { baseUrl: raw.AT_BASE_URL ?? emulatorUrl, username: "sandbox", apiKey: EMULATOR_AT_API_KEY }
      : null;
  const localSms = !raw.AT_USERNAME && local;
  const smtpUrl = raw.SMTP_URL ?? (local ? `smtp://127.0.0.1:${raw.EMULATOR_SMTP_PORT}` : undefined);
  return {
    shopName: raw.SHOP_NAME,
    sellerPhone: raw.SELLER_PHONE,
    timeoutMs: raw.NOTIFY_TIMEOUT_MS,
    retrySeconds: raw.NOTIFY_RETRY_SECONDS,
    sms: sms ? { ...sms, senderId: raw.AT_SENDER_ID } : null,
    deliveryReportToken:
      raw.AT_DELIVERY_REPORT_TOKEN ?? (localSms ? EMULATOR_DELIVERY_REPORT_TOKEN : undefined),
    email: smtpUrl ? { smtpUrl, from: raw.MAIL_FROM ?? `${raw.SHOP_NAME} <orders@duka.test>` } : null,
  };
}

export function parseEnv(source: Record<string, string | undefined>) {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = result.data;
  const base = publicUrl(raw);
  // `next build` loads route modules without the runtime's secrets; the server checks them when it starts.
  const problems = crossCheck(raw, base, source.NEXT_PHASE === "phase-production-build");
  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv: raw.NODE_ENV,
    devDefaults: mayUseDevDefaults(raw),
    databaseUrl: raw.DATABASE_URL,
    directUrl: raw.DIRECT_URL,
    embeddedPgPort: raw.EMBEDDED_PG_PORT,
    publicUrl: base,
    mpesa: {
      env: raw.MPESA_ENV,
      baseUrl: (raw.MPESA_BASE_URL ?? defaultDarajaUrl(raw)).replace(/\/+$/, ""),
      consumerKey: raw.MPESA_CONSUMER_KEY ?? EMULATOR_CONSUMER_KEY,
      consumerSecret: raw.MPESA_CONSUMER_SECRET ?? EMULATOR_CONSUMER_SECRET,
      shortcode: raw.MPESA_SHORTCODE ?? SANDBOX_SHORTCODE,
      passkey: raw.MPESA_PASSKEY ?? SANDBOX_PASSKEY,
      transactionType: raw.MPESA_TRANSACTION_TYPE,
      tillNumber: raw.MPESA_TILL_NUMBER,
      timeoutMs: raw.MPESA_TIMEOUT_MS,
      callbackBaseUrl: base,
      callbackIps:
        raw.MPESA_CALLBACK_IPS?.split(",")
          .map((ip) => ip.trim())
          .filter(Boolean) ?? [],
      ...initiatorSettings(raw),
    },
    emulatorPort: raw.EMULATOR_PORT,
    authSecret: raw.AUTH_SECRET ?? DEV_AUTH_SECRET,
    seller: {
      email: raw.SELLER_EMAIL ?? DEV_SELLER_EMAIL,
      password: raw.SELLER_PASSWORD ?? DEV_SELLER_PASSWORD,
    },
    cronSecret: raw.CRON_SECRET,
    limits: {
      reservationMinutes: raw.RESERVATION_MINUTES,
      promptsPerPhone: raw.PROMPTS_PER_PHONE,
      checkoutsPerIp: raw.CHECKOUTS_PER_IP,
      windowMinutes: raw.LIMIT_WINDOW_MINUTES,
      maxQuantityPerLine: raw.MAX_QUANTITY_PER_LINE,
      maxItemsPerOrder: raw.MAX_ITEMS_PER_ORDER,
      openOrdersPerPhone: raw.OPEN_ORDERS_PER_PHONE,
      openOrdersPerIp: raw.OPEN_ORDERS_PER_IP,
      phonesPerIp: raw.PHONES_PER_IP,
      reservedUnitsPerIp: raw.RESERVED_UNITS_PER_IP,
      podOrdersPerPhone: raw.POD_ORDERS_PER_PHONE,
      podOrdersPerIp: raw.POD_ORDERS_PER_IP,
      numberChangesPerOrder: raw.NUMBER_CHANGES_PER_ORDER,
      rejectedCallbacksPerIp: raw.REJECTED_CALLBACKS_PER_IP,
      rejectedCallbackRetentionDays: raw.REJECTED_CALLBACK_RETENTION_DAYS,
    },
    trustedProxies: trustedProxies(raw),
    uploadDir: raw.UPLOAD_DIR,
    notifications: notificationSettings(raw),
    storage: { blobToken: raw.BLOB_READ_WRITE_TOKEN, onVercel: Boolean(raw.VERCEL ?? raw.VERCEL_ENV) },
    live: { listen: raw.LIVE_LISTEN === "on", streamSeconds: raw.LIVE_STREAM_SECONDS },
  };
}

export type Env = ReturnType<typeof parseEnv>;

function load(): Env {
  try {
    return parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) console.error(e.message);
    throw e;
  }
}

/** The validated configuration of this process. */
export const env: Env = load();
