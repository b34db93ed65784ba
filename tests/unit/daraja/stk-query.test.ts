import { describe, expect, it } from "vitest";
import { createDarajaClient, darajaPassword } from "@/lib/daraja";
import { fakeDaraja, json, testConfig } from "./fake-daraja";
import { errors, queryFinal, SANDBOX_PASSKEY } from "./samples";

const ID = "ws_CO_23052022122137653708374149";
const query = async (handler: () => Response | Promise<Response>, timeoutMs = 1_000) => {
  const fake = fakeDaraja({ query: handler });
  const client = createDarajaClient(testConfig({ timeoutMs }), {
    fetch: fake.fetch,
    now: () => new Date("2026-11-25T22:30:00Z"),
  });
  return { result: await client.stkQuery(ID), fake };
};

describe("stkQuery", () => {
  it("sends a fresh timestamp and password with the CheckoutRequestID", async () => {
    const { fake } = await query(() => json(200, queryFinal));
    expect(fake.seen.find((r) => r.endpoint === "query")?.body).toEqual({
      BusinessShortCode: "174379",
      Password: darajaPassword("174379", SANDBOX_PASSKEY, "20261126013000"),
      Timestamp: "20261126013000",
      CheckoutRequestID: ID,
    });
  });

  it("reads the final answer from docs/daraja.md", async () => {
    const { result } = await query(() => json(200, queryFinal));
    expect(result).toEqual({
      state: "final",
      resultCode: "1032",
      resultDesc: "Request cancelled by user",
      merchantRequestId: queryFinal.MerchantRequestID,
      checkoutRequestId: ID,
    });
  });

  it("accepts a numeric ResultCode", async () => {
    const { result } = await query(() =>
      json(200, {
        ...queryFinal,
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
      }),
    );
    expect(result).toMatchObject({ state: "final", resultCode: "0" });
  });

  it.each([
    [500, errors.beingProcessed, { state: "pending" }],
    [
      200,
      { ...queryFinal, ResultCode: "4999", ResultDesc: "The transaction is still under processing" },
      { state: "pending" },
    ],
    [500, errors.notFound, { state: "not_found" }],
    [500, errors.busy, { state: "error", error: { kind: "rate_limited" } }],
    [500, errors.quota, { state: "error", error: { kind: "rate_limited" } }],
    [500, errors.internal, { state: "error", error: { kind: "server_error" } }],
    [
      400,
      errors.invalidShortcode,
      { state: "error", error: { kind: "invalid_request", field: "BusinessShortCode" } },
    ],
    [500, errors.wrongCredentials, { state: "error", error: { kind: "wrong_credentials" } }],
    [200, { ResponseCode: "0" }, { state: "error", error: { kind: "unknown" } }],
  ])("HTTP %i %j", async (status, body, expected) => {
    const { result } = await query(() => json(status, body));
    expect(result).toMatchObject(expected);
  });

  it.each([
    [
      "500.001.1001",
      "Unable to lock subscriber, a transaction is already in process for the current subscriber",
    ],
    ["500.001.1001", "The transaction is being processed"],
    ["400.002.02", "Bad Request - Invalid CheckoutRequestID"],
  ])("never calls an HTTP 200 whose ResultCode is an API error code (%s) final", async (code, desc) => {
    const { result } = await query(() => json(200, { ...queryFinal, ResultCode: code, ResultDesc: desc }));
    expect(result.state).not.toBe("final");
  });

  it("retries once after 404.001.03 with a new token", async () => {
    let n = 0;
    const { result, fake } = await query(() =>
      ++n === 1 ? json(404, errors.invalidToken) : json(200, queryFinal),
    );
    expect(result.state).toBe("final");
    expect(fake.calls).toEqual({ oauth: 2, push: 0, query: 2 });
  });

  it("reports timeouts and network failures as error kind unknown", async () => {
    const hung = await query(() => new Promise<Response>(() => {}), 30);
    expect(hung.result).toMatchObject({ state: "error", error: { kind: "unknown" } });
    const dropped = await query(() => Promise.reject(new TypeError("fetch failed")));
    expect(dropped.result).toMatchObject({
      state: "error",
      error: { kind: "unknown", errorMessage: "TypeError: fetch failed" },
    });
  });
});
