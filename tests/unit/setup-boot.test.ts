import { describe, expect, it } from "vitest";
import { checkSetupAtBoot, SetupRefused } from "@/lib/setup/boot";
import { problemsIn } from "@/lib/setup/config-checks";

const SECRETS = {
  AUTH_SECRET: "a-long-random-auth-secret-for-tests",
  CRON_SECRET: "a-long-random-cron-secret",
};
const SANDBOX = {
  ...SECRETS,
  NODE_ENV: "production",
  MPESA_ENV: "sandbox",
  MPESA_CONSUMER_KEY: "key",
  MPESA_CONSUMER_SECRET: "secret",
  MPESA_SHORTCODE: "174379",
  MPESA_PASSKEY: "passkey",
  PUBLIC_URL: "https://shop.example.co.ke",
};

describe("configuration checked at boot", () => {
  it("finds nothing wrong with a public https shop on the sandbox, or the local emulator", () => {
    expect(problemsIn(SANDBOX)).toEqual([]);
    expect(problemsIn({ NODE_ENV: "development", DUKA_DEV_DEFAULTS: "1" })).toEqual([]);
    expect(problemsIn({ ...SECRETS, NODE_ENV: "production", PUBLIC_URL: "http://127.0.0.1:3100" })).toEqual(
      [],
    );
  });

  it.each([
    [
      "a localhost callback on the sandbox",
      { PUBLIC_URL: "http://localhost:3000" },
      /^PUBLIC_URL: .*must be public/,
    ],
    ["a word Daraja filters", { PUBLIC_URL: "https://mpesa-shop.example.com" }, /^PUBLIC_URL: .*"mpesa"/],
    ["a tunnel path with sql in it", { PUBLIC_URL: "https://shop.example.com/sql" }, /^PUBLIC_URL: .*"sql"/],
    [
      "plain http in production",
      { MPESA_ENV: "production", PUBLIC_URL: "http://shop.example.com" },
      /^PUBLIC_URL: .*https/,
    ],
    [
      "a till without a till number",
      { MPESA_TRANSACTION_TYPE: "CustomerBuyGoodsOnline" },
      /^MPESA_TILL_NUMBER: required/,
    ],
    [
      "a till number on a paybill",
      { MPESA_TILL_NUMBER: "123456" },
      /^MPESA_TRANSACTION_TYPE: MPESA_TILL_NUMBER is set/,
    ],
    ["a missing consumer secret", { MPESA_CONSUMER_SECRET: "" }, /^MPESA_CONSUMER_SECRET: required/],
    [
      "the emulator on Vercel",
      { MPESA_ENV: "emulator", VERCEL: "1", BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_abc_def" },
      /^MPESA_ENV: the Daraja emulator/,
    ],
    ["local photo storage on Vercel", { VERCEL: "1" }, /^BLOB_READ_WRITE_TOKEN: Vercel does not keep/],
  ])("names the variable for %s", (_, change, line) => {
    const problems = problemsIn({ ...SANDBOX, ...change });
    expect(problems).toContainEqual(expect.stringMatching(line));
  });

  it("refuses to start a real deployment, one line per problem", () => {
    const bad = { ...SANDBOX, PUBLIC_URL: "http://localhost:3000", MPESA_TILL_NUMBER: "123456" };
    let refusal: unknown;
    try {
      checkSetupAtBoot(bad);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(SetupRefused);
    expect((refusal as SetupRefused).problems).toHaveLength(2);
    expect((refusal as SetupRefused).message).toMatch(
      /^Duka refuses to start:\n {2}- PUBLIC_URL: .*\n {2}- MPESA_TRANSACTION_TYPE: /,
    );
  });

  it("only warns in development and on a local production build with the emulator", () => {
    for (const source of [
      { ...SANDBOX, NODE_ENV: "development", PUBLIC_URL: "http://localhost:3000" },
      { ...SECRETS, NODE_ENV: "production", PUBLIC_URL: "http://127.0.0.1:3100/mpesa" },
    ]) {
      const lines: string[] = [];
      expect(() => checkSetupAtBoot(source, (l) => lines.push(l))).not.toThrow();
      expect(lines.join("\n")).toMatch(/PUBLIC_URL: /);
    }
  });
});
