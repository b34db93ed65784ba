import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "@/emulator";
import { BASIC, bootEmulator, PHONE, push, pushBody, sleep } from "./helpers";

const generate = (base: string, authorization: string | null, grantType = "client_credentials") =>
  fetch(`${base}/oauth/v1/generate?grant_type=${grantType}`, {
    headers: authorization ? { authorization } : {},
  });
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;

describe("emulator OAuth", () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => (emulator = await bootEmulator()));
  afterAll(() => emulator.stop());

  it("issues a 28-character token with expires_in as the string 3599", async () => {
    const response = await generate(emulator.url, BASIC);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.expires_in).toBe("3599");
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{28}$/);
  });

  it("refuses a wrong grant type with 400.008.02", async () => {
    const response = await generate(emulator.url, BASIC, "password");
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      requestId: expect.any(String),
      errorCode: "400.008.02",
      errorMessage: "Invalid grant type passed",
    });
  });

  it.each([
    ["no header", null],
    ["a Bearer scheme", "Bearer abc"],
    ["a wrong secret", basic("duka-emulator-key", "nope")],
    ["an unknown key", basic("someone-else", "duka-emulator-secret")],
    ["garbage", "Basic %%%"],
  ])("refuses %s with 400.008.01", async (_label, authorization) => {
    const response = await generate(emulator.url, authorization);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errorCode: "400.008.01",
      errorMessage: "Invalid Authentication passed",
    });
  });

  it("accepts any key and secret when told to", async () => {
    emulator.control.setOptions({ acceptAnyCredentials: true });
    expect((await generate(emulator.url, basic("anyone", "anything"))).status).toBe(200);
    emulator.control.setOptions({ acceptAnyCredentials: false });
  });
});

describe("emulator access tokens", () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => (emulator = await bootEmulator({ tokenLifetimeSec: 1 })));
  afterAll(() => emulator.stop());

  const tokenFor = async () =>
    ((await (await generate(emulator.url, BASIC)).json()) as { access_token: string }).access_token;
  const invalidToken = {
    requestId: expect.any(String),
    errorCode: "404.001.03",
    errorMessage: "Invalid Access Token",
  };

  it("answers 404.001.03 to a missing or unknown token", async () => {
    const body = pushBody("http://127.0.0.1:9/cb", { PhoneNumber: PHONE });
    const missing = await fetch(`${emulator.url}/mpesa/stkpush/v1/processrequest`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual(invalidToken);
    const unknown = await push(emulator.url, "x".repeat(28), body);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain("application/json");
  });

  it("expires tokens after the configured lifetime", async () => {
    const token = await tokenFor();
    await sleep(1100);
    const answer = await push(emulator.url, token, pushBody("http://127.0.0.1:9/cb"));
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(invalidToken);
  });

  it("expires every issued token on demand", async () => {
    emulator.control.setOptions({ tokenLifetimeSec: 3600 });
    const token = await tokenFor();
    emulator.control.expireTokens();
    expect((await push(emulator.url, token, pushBody("http://127.0.0.1:9/cb"))).body).toEqual(invalidToken);
  });

  it("can revoke an app's earlier token when it takes a new one", async () => {
    emulator.control.setOptions({ tokenLifetimeSec: 3600, singleTokenPerApp: true });
    const first = await tokenFor();
    await tokenFor();
    expect((await push(emulator.url, first, pushBody("http://127.0.0.1:9/cb"))).status).toBe(404);
  });
});
