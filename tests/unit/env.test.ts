import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

// What `npm run dev` and the test harness (scripts/with-db.mjs) set.
const DEV = { DUKA_DEV_DEFAULTS: "1" };

function problems(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

const AUTH_REQUIRED =
  "AUTH_SECRET: required (openssl rand -base64 32); only `npm run dev` and the tests run on development defaults";
const CRON_REQUIRED = "CRON_SECRET: required; only `npm run dev` and the tests run on development defaults";

describe("configuration", () => {
  it("runs with nothing set: embedded database, emulator, local URL", () => {
    const env = parseEnv(DEV);
    expect(env.databaseUrl).toBeUndefined();
    expect(env.mpesa.env).toBe("emulator");
    expect(env.mpesa.baseUrl).toBe("http://127.0.0.1:4010");
    expect(env.mpesa.shortcode).toBe("174379");
    expect(env.publicUrl).toBe("http://localhost:3000");
    expect(env.limits).toEqual({
      reservationMinutes: 15,
      promptsPerPhone: 3,
      checkoutsPerIp: 30,
      windowMinutes: 10,
      maxQuantityPerLine: 10,
      maxItemsPerOrder: 30,
      openOrdersPerPhone: 4,
      openOrdersPerIp: 20,
      phonesPerIp: 5,
      reservedUnitsPerIp: 40,
      podOrdersPerPhone: 2,
      podOrdersPerIp: 5,
      numberChangesPerOrder: 2,
      rejectedCallbacksPerIp: 60,
      rejectedCallbackRetentionDays: 7,
    });
    expect(env.trustedProxies).toBeNull();
  });

  it("treats empty strings as unset, like a copied .env.example", () => {
    expect(parseEnv({ ...DEV, DATABASE_URL: "", MPESA_ENV: "", PUBLIC_URL: "" }).mpesa.env).toBe("emulator");
  });

  it("reports one clear line per bad variable", () => {
    const lines = problems({
      DATABASE_URL: "mysql://x",
      MPESA_ENV: "live",
      MPESA_TIMEOUT_MS: "fast",
      PUBLIC_URL: "not a url",
    });
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith("DATABASE_URL:"))).toMatch(/postgresql/);
    expect(lines.some((l) => l.startsWith("MPESA_ENV:"))).toBe(true);
    expect(lines.some((l) => l.startsWith("MPESA_TIMEOUT_MS:"))).toBe(true);
    expect(lines.some((l) => l.startsWith("PUBLIC_URL:"))).toBe(true);
  });

  it("refuses production Daraja without credentials and an https public URL", () => {
    const lines = problems({ MPESA_ENV: "production", PUBLIC_URL: "http://shop.example.com" });
    expect(lines).toEqual(
      expect.arrayContaining([
        "MPESA_CONSUMER_KEY: required when MPESA_ENV=production",
        "MPESA_CONSUMER_SECRET: required when MPESA_ENV=production",
        "MPESA_SHORTCODE: required when MPESA_ENV=production",
        "MPESA_PASSKEY: required when MPESA_ENV=production",
        "PUBLIC_URL: must be an https URL when MPESA_ENV=production",
      ]),
    );
  });

  it("accepts a complete production configuration", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      MPESA_ENV: "production",
      MPESA_CONSUMER_KEY: "k",
      MPESA_CONSUMER_SECRET: "s",
      MPESA_SHORTCODE: "600000",
      MPESA_PASSKEY: "p",
      MPESA_TRANSACTION_TYPE: "CustomerBuyGoodsOnline",
      MPESA_TILL_NUMBER: "5123456",
      PUBLIC_URL: "https://duka.example.co.ke/",
      AUTH_SECRET: "a-real-secret",
      CRON_SECRET: "cron",
      MPESA_CALLBACK_IPS: "196.201.214.200, 196.201.214.206",
    });
    expect(env.mpesa.baseUrl).toBe("https://api.safaricom.co.ke");
    expect(env.publicUrl).toBe("https://duka.example.co.ke");
    expect(env.mpesa.callbackIps).toEqual(["196.201.214.200", "196.201.214.206"]);
  });

  it("needs a till number for buy-goods and refuses the development seller password in production", () => {
    expect(problems({ ...DEV, MPESA_TRANSACTION_TYPE: "CustomerBuyGoodsOnline" })).toEqual([
      "MPESA_TILL_NUMBER: required when MPESA_TRANSACTION_TYPE=CustomerBuyGoodsOnline",
    ]);
    const prod = {
      NODE_ENV: "production",
      MPESA_ENV: "production",
      MPESA_CONSUMER_KEY: "k",
      MPESA_CONSUMER_SECRET: "s",
      MPESA_SHORTCODE: "600000",
      MPESA_PASSKEY: "p",
      PUBLIC_URL: "https://duka.example.co.ke",
      AUTH_SECRET: "x",
      CRON_SECRET: "y",
    };
    expect(problems({ ...prod, SELLER_PASSWORD: "duka-owner-123" })).toEqual([
      "SELLER_PASSWORD: the development default is refused in production",
    ]);
  });

  it("derives the public URL from Vercel's deployment host", () => {
    expect(parseEnv({ ...DEV, VERCEL_URL: "duka-abc.vercel.app" }).publicUrl).toBe(
      "https://duka-abc.vercel.app",
    );
    const vercel = {
      ...DEV,
      VERCEL_URL: "duka-git-branch.vercel.app",
      VERCEL_PROJECT_PRODUCTION_URL: "duka.co.ke",
    };
    expect(parseEnv({ ...vercel, VERCEL_ENV: "production" }).publicUrl).toBe("https://duka.co.ke");
    expect(parseEnv({ ...vercel, VERCEL_ENV: "preview" }).publicUrl).toBe(
      "https://duka-git-branch.vercel.app",
    );
  });

  it("refuses to start in production without AUTH_SECRET and CRON_SECRET, even on the Daraja sandbox", () => {
    const sandbox = {
      NODE_ENV: "production",
      MPESA_ENV: "sandbox",
      MPESA_CONSUMER_KEY: "k",
      MPESA_CONSUMER_SECRET: "s",
      MPESA_SHORTCODE: "174379",
      MPESA_PASSKEY: "p",
      PUBLIC_URL: "https://sandbox-shop.example.com",
    };
    expect(problems(sandbox)).toEqual([AUTH_REQUIRED, CRON_REQUIRED]);
    expect(problems({ NODE_ENV: "production", CRON_SECRET: "c" })).toEqual([AUTH_REQUIRED]);
    // The harness's word does not open a production server either.
    expect(problems({ ...sandbox, ...DEV })).toEqual([AUTH_REQUIRED, CRON_REQUIRED]);
    expect(problems({ ...sandbox, AUTH_SECRET: "a-real-secret", CRON_SECRET: "c" })).toEqual([]);
    // `next build` has no runtime secrets; the server refuses to start without them instead.
    expect(problems({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toEqual([]);
    expect(problems({ ...DEV, NODE_ENV: "development" })).toEqual([]);
  });

  it("decides on development defaults from how the server runs, never from NODE_ENV alone", () => {
    // `next start` with NODE_ENV=test or development: no public secret signs sessions, no open cron route.
    expect(problems({ NODE_ENV: "test" })).toEqual([AUTH_REQUIRED, CRON_REQUIRED]);
    expect(problems({ NODE_ENV: "development" })).toEqual([AUTH_REQUIRED, CRON_REQUIRED]);
    expect(
      problems({ NODE_ENV: "development", AUTH_SECRET: "duka-dev-only-secret-change-me-in-production" }),
    ).toContain(AUTH_REQUIRED);
    const live = {
      ...DEV,
      NODE_ENV: "test",
      MPESA_ENV: "production",
      MPESA_CONSUMER_KEY: "k",
      MPESA_CONSUMER_SECRET: "s",
      MPESA_SHORTCODE: "600000",
      MPESA_PASSKEY: "p",
      PUBLIC_URL: "https://duka.example.co.ke",
    };
    // A shop taking real money never runs on them, even when a harness asks.
    expect(problems(live)).toEqual([AUTH_REQUIRED, CRON_REQUIRED]);
    expect(parseEnv({ ...DEV, NODE_ENV: "test" })).toMatchObject({
      devDefaults: true,
      cronSecret: undefined,
    });
    expect(parseEnv({ NODE_ENV: "test", AUTH_SECRET: "a-real-secret", CRON_SECRET: "c" }).devDefaults).toBe(
      false,
    );
  });

  it("trusts forwarding headers only as TRUSTED_PROXIES or the Vercel platform says", () => {
    expect(parseEnv({ ...DEV, TRUSTED_PROXIES: "1" }).trustedProxies).toEqual({ hops: 1 });
    expect(parseEnv({ ...DEV, TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.2" }).trustedProxies).toEqual({
      addresses: ["10.0.0.0/8", "192.168.1.2"],
    });
    expect(parseEnv({ ...DEV, VERCEL: "1" }).trustedProxies).toEqual({ vercel: true });
    expect(problems({ TRUSTED_PROXIES: "everyone" })).toEqual([
      "TRUSTED_PROXIES: must be a number of proxy hops (e.g. 1) or comma-separated IPs/CIDRs",
    ]);
  });
});

describe("refund initiator configuration", () => {
  const sandbox = {
    ...DEV,
    MPESA_ENV: "sandbox",
    MPESA_CONSUMER_KEY: "k",
    MPESA_CONSUMER_SECRET: "s",
    MPESA_SHORTCODE: "600984",
    MPESA_PASSKEY: "p",
  };

  it("uses the emulator's own initiator when nothing is set, so refunds work in npm run dev", () => {
    const { mpesa } = parseEnv(DEV);
    expect(mpesa.refundsOffReason).toBeNull();
    expect(mpesa.initiator).toMatchObject({ name: "duka-emulator-initiator", b2cShortcode: "174379" });
    expect(mpesa.initiator?.securityCredential).toMatch(/^[A-Za-z0-9+/]{342}==$/);
  });

  it("turns refunds off elsewhere until an initiator is set, and says which variable is missing", () => {
    expect(parseEnv(sandbox).mpesa).toMatchObject({
      initiator: undefined,
      refundsOffReason: "MPESA_INITIATOR_NAME is not set",
    });
    expect(parseEnv({ ...sandbox, MPESA_INITIATOR_NAME: "apiop" }).mpesa.refundsOffReason).toBe(
      "MPESA_INITIATOR_PASSWORD or MPESA_SECURITY_CREDENTIAL is not set",
    );
  });

  it("prefers a ready SecurityCredential, encrypts a password otherwise, and takes a separate B2C shortcode", () => {
    const ready = "QUJD".repeat(20);
    const withReady = parseEnv({
      ...sandbox,
      MPESA_INITIATOR_NAME: "apiop",
      MPESA_INITIATOR_PASSWORD: "pw",
      MPESA_SECURITY_CREDENTIAL: ready,
      MPESA_B2C_SHORTCODE: "600987",
    });
    expect(withReady.mpesa.initiator).toEqual({
      name: "apiop",
      securityCredential: ready,
      b2cShortcode: "600987",
    });
    const withPassword = parseEnv({
      ...sandbox,
      MPESA_INITIATOR_NAME: "apiop",
      MPESA_INITIATOR_PASSWORD: "pw",
    });
    expect(withPassword.mpesa.initiator?.securityCredential).toHaveLength(344);
    expect(withPassword.mpesa.initiator?.b2cShortcode).toBe("600984");
    expect(problems({ MPESA_SECURITY_CREDENTIAL: "not base64!" })[0]).toMatch(/^MPESA_SECURITY_CREDENTIAL/);
  });
});
