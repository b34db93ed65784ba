import { describe, expect, it } from "vitest";
import { createDarajaClient, darajaPassword } from "@/lib/daraja";
import { fakeDaraja, json, pushRequest, testConfig } from "./fake-daraja";
import { pushAccepted, SANDBOX_PASSKEY } from "./samples";

const now = () => new Date("2026-11-25T22:30:00Z");

describe("stkPush", () => {
  it("sends the Daraja body with EAT timestamp, password and normalized phone", async () => {
    const fake = fakeDaraja({ push: () => json(200, pushAccepted) });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch, now });
    const result = await client.stkPush({
      ...pushRequest,
      accountReference: "Order #2026-0042/x",
      description: "Payment for order 42",
    });
    expect(result).toEqual({
      outcome: "accepted",
      merchantRequestId: pushAccepted.MerchantRequestID,
      checkoutRequestId: pushAccepted.CheckoutRequestID,
      customerMessage: pushAccepted.CustomerMessage,
    });
    const push = fake.seen.find((r) => r.endpoint === "push");
    expect(push?.headers.get("authorization")).toMatch(/^Bearer /);
    expect(push?.body).toEqual({
      BusinessShortCode: "174379",
      Password: darajaPassword("174379", SANDBOX_PASSKEY, "20261126013000"),
      Timestamp: "20261126013000",
      TransactionType: "CustomerPayBillOnline",
      Amount: 100,
      PartyA: "254708374149",
      PartyB: "174379",
      PhoneNumber: "254708374149",
      CallBackURL: pushRequest.callbackUrl,
      AccountReference: "Order2026004",
      TransactionDesc: "Payment for o",
    });
  });

  it("sends the till as PartyB for buy goods", async () => {
    const fake = fakeDaraja({ push: () => json(200, pushAccepted) });
    const config = testConfig({ transactionType: "CustomerBuyGoodsOnline", tillNumber: "5432109" });
    await createDarajaClient(config, { fetch: fake.fetch }).stkPush(pushRequest);
    expect(fake.seen.find((r) => r.endpoint === "push")?.body).toMatchObject({
      BusinessShortCode: "174379",
      PartyB: "5432109",
      TransactionType: "CustomerBuyGoodsOnline",
    });
  });

  it("refuses a buy-goods config without a till", () => {
    expect(() => createDarajaClient(testConfig({ transactionType: "CustomerBuyGoodsOnline" }))).toThrow(
      /tillNumber/,
    );
  });

  it.each([
    [{ amountKes: 0 }, "Amount"],
    [{ amountKes: 1.5 }, "Amount"],
    [{ amountKes: 250_001 }, "Amount"],
    [{ amountKes: Number.NaN }, "Amount"],
    [{ phone: "0808374149" }, "PhoneNumber"],
    [{ phone: "" }, "PhoneNumber"],
    [{ callbackUrl: "http://localhost:3000/cb" }, "CallBackURL"],
  ])("rejects %j locally without calling Daraja", async (override, field) => {
    const fake = fakeDaraja();
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush({
      ...pushRequest,
      ...override,
    });
    expect(result).toMatchObject({ outcome: "rejected", error: { kind: "invalid_request", field } });
    expect(fake.calls).toEqual({ oauth: 0, push: 0, query: 0 });
  });

  it("accepts the amount limits themselves", async () => {
    const fake = fakeDaraja({ push: () => json(200, pushAccepted) });
    const client = createDarajaClient(testConfig(), { fetch: fake.fetch });
    for (const amountKes of [1, 250_000]) {
      expect((await client.stkPush({ ...pushRequest, amountKes })).outcome).toBe("accepted");
    }
  });

  it("returns unknown on a timeout, even when fetch ignores the abort, and never retries", async () => {
    const fake = fakeDaraja({ push: () => new Promise<Response>(() => {}) });
    const client = createDarajaClient(testConfig({ timeoutMs: 50 }), { fetch: fake.fetch });
    const started = Date.now();
    expect(await client.stkPush(pushRequest)).toMatchObject({ outcome: "unknown", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.calls.push).toBe(1);
  });

  it("returns unknown when the connection drops", async () => {
    const fake = fakeDaraja({
      push: () =>
        Promise.reject(
          new TypeError("fetch failed", {
            cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
          }),
        ),
    });
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush(pushRequest);
    expect(result).toEqual({
      outcome: "unknown",
      reason: "network",
      detail: "TypeError: fetch failed: ECONNRESET",
    });
    expect(fake.calls.push).toBe(1);
  });

  it.each([
    ["an HTML 200", new Response("<html>ok</html>", { status: 200 })],
    ["a 200 without ids", json(200, { ResponseCode: "0" })],
    ["a 502 from a proxy", new Response("Bad Gateway", { status: 502 })],
    ["a 504 with an empty JSON body", json(504, {})],
    [
      "the API gateway's own timeout fault",
      json(504, {
        fault: {
          faultstring: "Gateway Timeout",
          detail: { errorcode: "messaging.adaptors.http.flow.GatewayTimeout" },
        },
      }),
    ],
    [
      "a 503 fault from the gateway",
      json(503, {
        fault: {
          faultstring: "The Service is temporarily unavailable",
          detail: { errorcode: "messaging.adaptors.http.flow.ServiceUnavailable" },
        },
      }),
    ],
  ])("returns unknown for %s (the prompt may exist)", async (_, response) => {
    const fake = fakeDaraja({ push: () => response });
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush(pushRequest);
    expect(result).toMatchObject({ outcome: "unknown", reason: "bad_response" });
    expect(fake.calls.push).toBe(1);
  });

  it("rejects a push the gateway refused by its spike arrest policy (it never reached Daraja)", async () => {
    const fake = fakeDaraja({
      push: () =>
        json(500, {
          fault: {
            faultstring: "Spike arrest violation",
            detail: { errorcode: "policies.ratelimit.SpikeArrestViolation" },
          },
        }),
    });
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush(pushRequest);
    expect(result).toMatchObject({ outcome: "rejected", error: { kind: "rate_limited" } });
  });

  it("rejects a 200 whose ResponseCode is not 0", async () => {
    const fake = fakeDaraja({
      push: () => json(200, { ...pushAccepted, ResponseCode: "1", ResponseDescription: "Rejected" }),
    });
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush(pushRequest);
    expect(result).toMatchObject({
      outcome: "rejected",
      error: { kind: "unknown", errorCode: "1", httpStatus: 200 },
    });
  });
});
