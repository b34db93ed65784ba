import { describe, expect, it } from "vitest";
import { EMULATOR_DELIVERY_REPORT_TOKEN, EnvError, parseEnv } from "@/lib/env";

const PRODUCTION = {
  AUTH_SECRET: "a-real-auth-secret",
  CRON_SECRET: "a-real-cron-secret",
  MPESA_ENV: "sandbox",
  MPESA_CONSUMER_KEY: "k",
  MPESA_CONSUMER_SECRET: "s",
  MPESA_SHORTCODE: "174379",
  MPESA_PASSKEY: "p",
};

function problems(source: Record<string, string>) {
  try {
    parseEnv({ DUKA_DEV_DEFAULTS: "1", ...source });
    return [];
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
}

describe("notification channels", () => {
  it("deliver to the emulator's local inbox when nothing is configured locally", () => {
    const { notifications } = parseEnv({
      DUKA_DEV_DEFAULTS: "1",
      EMULATOR_PORT: "4203",
      EMULATOR_SMTP_PORT: "5203",
    });
    expect(notifications.sms).toMatchObject({ baseUrl: "http://127.0.0.1:4203", username: "sandbox" });
    expect(notifications.email).toMatchObject({ smtpUrl: "smtp://127.0.0.1:5203" });
  });

  it("are off, not broken, when a real deployment configures neither", () => {
    const { notifications } = parseEnv(PRODUCTION);
    expect(notifications.sms).toBeNull();
    expect(notifications.email).toBeNull();
  });

  it("use Africa's Talking's sandbox for the sandbox username and its live API otherwise", () => {
    const sandbox = parseEnv({ ...PRODUCTION, AT_USERNAME: "sandbox", AT_API_KEY: "x" }).notifications.sms;
    expect(sandbox?.baseUrl).toBe("https://api.sandbox.africastalking.com");
    const live = parseEnv({ ...PRODUCTION, AT_USERNAME: "duka", AT_API_KEY: "x", AT_SENDER_ID: "DUKA" });
    expect(live.notifications.sms).toMatchObject({
      baseUrl: "https://api.africastalking.com",
      senderId: "DUKA",
    });
  });

  it("refuse half a configuration", () => {
    expect(problems({ AT_USERNAME: "duka" })).toEqual(["AT_USERNAME / AT_API_KEY: set both or neither"]);
    expect(problems({ SMTP_URL: "smtp://mail.example.com:587" })).toEqual([
      "MAIL_FROM: required when SMTP_URL is set",
    ]);
    expect(problems({ SMTP_URL: "http://x", MAIL_FROM: "a@b.c" })[0]).toMatch(/^SMTP_URL/);
    expect(problems({ SELLER_PHONE: "12345" })[0]).toMatch(/^SELLER_PHONE/);
  });
});

describe("AT_DELIVERY_REPORT_TOKEN", () => {
  it("is the development token locally with the emulator's SMS, and unset (reports refused) in a deployment", () => {
    expect(parseEnv({ DUKA_DEV_DEFAULTS: "1" }).notifications.deliveryReportToken).toBe(
      EMULATOR_DELIVERY_REPORT_TOKEN,
    );
    expect(parseEnv(PRODUCTION).notifications.deliveryReportToken).toBeUndefined();
    const live = { ...PRODUCTION, AT_USERNAME: "duka", AT_API_KEY: "x" };
    expect(parseEnv(live).notifications.deliveryReportToken).toBeUndefined();
  });

  it("is taken as set, and refused when short or not URL-safe", () => {
    const token = "a1b2c3d4e5f6a7b8c9d0e1f2";
    const set = parseEnv({ ...PRODUCTION, AT_DELIVERY_REPORT_TOKEN: token });
    expect(set.notifications.deliveryReportToken).toBe(token);
    expect(problems({ AT_DELIVERY_REPORT_TOKEN: "short" })).toEqual([
      expect.stringContaining("AT_DELIVERY_REPORT_TOKEN"),
    ]);
    expect(problems({ AT_DELIVERY_REPORT_TOKEN: "has/a/slash/in/it/0000" })).toHaveLength(1);
  });
});
