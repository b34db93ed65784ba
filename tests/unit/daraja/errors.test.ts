import { describe, expect, it } from "vitest";
import { createDarajaClient } from "@/lib/daraja";
import { classifyError } from "@/lib/daraja/errors";
import { fakeDaraja, json, pushRequest, testConfig } from "./fake-daraja";
import { errors } from "./samples";

describe("Daraja error envelopes on stkPush", () => {
  it.each([
    [400, errors.invalidPhone, { kind: "invalid_request", field: "PhoneNumber", errorCode: "400.002.02" }],
    [400, errors.invalidShortcode, { kind: "invalid_request", field: "BusinessShortCode" }],
    [500, errors.wrongCredentials, { kind: "wrong_credentials", errorCode: "500.001.1001" }],
    [500, errors.noMerchant, { kind: "wrong_credentials" }],
    [500, errors.subscriberLocked, { kind: "subscriber_locked", retryAfterSeconds: 60 }],
    [500, errors.busy, { kind: "rate_limited", errorCode: "500.003.02" }],
    [500, errors.spikeArrest, { kind: "rate_limited" }],
    [500, errors.quota, { kind: "rate_limited", errorCode: "500.003.03" }],
    [500, errors.internal, { kind: "server_error", errorCode: "500.003.1001" }],
    [400, { requestId: "x", errorCode: "400.999.99", errorMessage: "Something new" }, { kind: "unknown" }],
    [403, "Forbidden", { kind: "auth" }],
    [418, "I'm a teapot", { kind: "unknown" }],
  ])("HTTP %i %j", async (status, body, expected) => {
    const fake = fakeDaraja({ push: () => json(status, body) });
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush(pushRequest);
    expect(result).toMatchObject({ outcome: "rejected", error: { httpStatus: status, ...expected } });
    expect(fake.calls.push).toBe(1);
  });

  it("maps 404.001.03 to auth after the single re-auth retry", async () => {
    const fake = fakeDaraja({ push: () => json(404, errors.invalidToken) });
    const result = await createDarajaClient(testConfig(), { fetch: fake.fetch }).stkPush(pushRequest);
    expect(result).toMatchObject({ outcome: "rejected", error: { kind: "auth", httpStatus: 404 } });
  });
});

describe("classifyError", () => {
  it("decides on codes before text", () => {
    // Only 500.001.1001 is split by its text; the same words under another code do not count.
    expect(classifyError(500, { errorCode: "500.003.1001", errorMessage: "Wrong credentials" }).kind).toBe(
      "server_error",
    );
    expect(
      classifyError(400, { errorCode: "400.008.01", errorMessage: "Unable to lock subscriber" }).kind,
    ).toBe("auth");
    expect(classifyError(500, { errorCode: "500.001.1001", errorMessage: "Something else" }).kind).toBe(
      "server_error",
    );
  });

  it("tolerates missing or foreign bodies", () => {
    expect(classifyError(500, {}).kind).toBe("server_error");
    expect(classifyError(429, {}).kind).toBe("rate_limited");
    expect(classifyError(401, {}).kind).toBe("auth");
    expect(classifyError(418, {}).kind).toBe("unknown");
    expect(classifyError(500, { errorMessage: "Error Occurred: Spike Arrest Violation" }).kind).toBe(
      "rate_limited",
    );
    expect(classifyError(429, { errorCode: "policies.ratelimit.SpikeArrestViolation" }).kind).toBe(
      "rate_limited",
    );
  });

  it("gives every kind a shopper-safe message without codes or jargon", () => {
    const samples = [
      classifyError(400, errors.invalidPhone),
      classifyError(400, errors.invalidShortcode),
      classifyError(404, errors.invalidToken),
      classifyError(500, errors.wrongCredentials),
      classifyError(500, errors.subscriberLocked),
      classifyError(500, errors.busy),
      classifyError(500, errors.internal),
      classifyError(418, {}),
    ];
    for (const error of samples) {
      expect(error.shopperMessage).toMatch(/^[A-Z].*\.$/);
      expect(error.shopperMessage).not.toMatch(/\d{3}\.\d{3}|credential|token|shortcode|passkey|undefined/i);
    }
    expect(classifyError(500, errors.subscriberLocked).shopperMessage).toBe(
      "You already have an M-Pesa prompt open on this phone. Finish or cancel it, then try again in a minute.",
    );
    expect(classifyError(400, errors.invalidPhone).shopperMessage).toMatch(/number/);
    expect(classifyError(400, errors.invalidShortcode).shopperMessage).toMatch(/our side/);
  });
});
