import { describe, expect, it } from "vitest";
import { createDarajaClient, DarajaAuthError } from "@/lib/daraja";
import { fakeDaraja, json, pushRequest, testConfig } from "./fake-daraja";
import { errors, oauthOk, pushAccepted } from "./samples";

const clock = (start = "2026-11-25T09:00:00Z") => {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (sec: number) => (t += sec * 1000) };
};

describe("OAuth token cache", () => {
  it("sends Basic base64(key:secret) and returns the access token", async () => {
    const fake = fakeDaraja();
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    await expect(client.getToken()).resolves.toBe(oauthOk.access_token);
    expect(fake.seen[0]?.headers.get("authorization")).toBe(
      `Basic ${Buffer.from("key:secret").toString("base64")}`,
    );
  });

  it("shares one fetch between concurrent callers", async () => {
    const fake = fakeDaraja({
      oauth: async () => (await new Promise((r) => setTimeout(r, 20)), json(200, oauthOk)),
    });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => client.getToken()));
    expect(new Set(tokens)).toEqual(new Set([oauthOk.access_token]));
    expect(fake.calls.oauth).toBe(1);
  });

  it.each([["3599"], [3599]])("caches until 60 s before expiry (expires_in %j)", async (expiresIn) => {
    const time = clock();
    let n = 0;
    const fake = fakeDaraja({
      oauth: () => json(200, { access_token: `token-${++n}`, expires_in: expiresIn }),
    });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch, now: time.now });
    expect(await client.getToken()).toBe("token-1");
    time.advance(3599 - 61);
    expect(await client.getToken()).toBe("token-1");
    time.advance(1);
    expect(await client.getToken()).toBe("token-2");
    expect(fake.calls.oauth).toBe(2);
  });

  it("fetches a new token once and retries once when an API answers 404.001.03", async () => {
    let n = 0;
    const fake = fakeDaraja({
      oauth: () => json(200, { access_token: `token-${++n}`, expires_in: 3599 }),
      push: (req) =>
        req.headers.get("authorization") === "Bearer token-1"
          ? json(404, errors.invalidToken)
          : json(200, pushAccepted),
    });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    const result = await client.stkPush(pushRequest);
    expect(result.outcome).toBe("accepted");
    expect(fake.calls).toEqual({ oauth: 2, push: 2, query: 0 });
    await client.stkPush(pushRequest);
    expect(fake.calls.oauth).toBe(2); // the new token is cached
  });

  it("gives up after one retry when the fresh token is refused too", async () => {
    const fake = fakeDaraja({ push: () => json(404, errors.invalidToken) });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    const result = await client.stkPush(pushRequest);
    expect(result).toMatchObject({
      outcome: "rejected",
      error: { kind: "auth", errorCode: "404.001.03", httpStatus: 404 },
    });
    expect(fake.calls).toEqual({ oauth: 2, push: 2, query: 0 });
  });

  it.each([
    [errors.invalidAuth, "400.008.01"],
    [errors.invalidGrant, "400.008.02"],
  ])("maps OAuth refusals to kind auth (%j)", async (body, errorCode) => {
    const fake = fakeDaraja({ oauth: () => json(400, body) });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    const thrown = await client.getToken().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(DarajaAuthError);
    expect((thrown as DarajaAuthError).error).toMatchObject({ kind: "auth", errorCode, httpStatus: 400 });
    const push = await client.stkPush(pushRequest);
    expect(push).toMatchObject({
      outcome: "rejected",
      error: { kind: "auth", shopperMessage: expect.stringMatching(/try again/) },
    });
    expect(fake.calls.push).toBe(0);
  });

  it("does not cache a failure: the next call fetches again", async () => {
    let n = 0;
    const fake = fakeDaraja({ oauth: () => (++n === 1 ? json(500, errors.busy) : json(200, oauthOk)) });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    await expect(client.getToken()).rejects.toMatchObject({ error: { kind: "rate_limited" } });
    await expect(client.getToken()).resolves.toBe(oauthOk.access_token);
  });

  it("treats a 200 without access_token as an auth failure and never leaks the secret", async () => {
    const fake = fakeDaraja({ oauth: () => json(200, { nope: true }) });
    const client = createDarajaClient(testConfig({ consumerSecret: "super-secret-value" }), {
      fetch: fake.fetch,
    });
    const thrown = await client.getToken().catch((e: unknown) => e);
    expect(thrown).toMatchObject({ error: { kind: "auth" } });
    expect(JSON.stringify(thrown) + String(thrown)).not.toContain("super-secret-value");
  });
});
