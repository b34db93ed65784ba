import { describe, expect, it } from "vitest";
import { UNKNOWN_BLOCKS_RETRY_SECONDS, retryRule } from "@/lib/payments/stk/retry-rule";

const t0 = new Date("2026-11-29T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const attempt = (over: Partial<Parameters<typeof retryRule>[1][number]> = {}) => ({
  status: "FAILED",
  createdAt: t0,
  pushSentAt: t0,
  retryAfter: null,
  mayRetry: true,
  ...over,
});

describe("retryRule", () => {
  it("allows a retry after a failure the shopper can fix", () => {
    expect(retryRule("FAILED", [attempt()], at(5))).toEqual({ allowed: true, waitUntil: null });
  });

  it.each([
    ["PAID", /already paid/],
    ["EXPIRED", /can no longer be paid/],
    ["CANCELLED", /can no longer be paid/],
  ])("refuses for a %s order, with no time at which waiting helps", (status, message) => {
    const rule = retryRule(status, [attempt()], at(5));
    expect(rule).toMatchObject({ allowed: false, waitUntil: null });
    expect(!rule.allowed && rule.message).toMatch(message);
  });

  it("refuses while a prompt is on its way", () => {
    const rule = retryRule("PENDING", [attempt({ status: "PENDING" })], at(500));
    expect(rule).toMatchObject({ allowed: false, waitUntil: null });
  });

  it("holds back a prompt whose outcome is unknown until it can no longer ring, counting from the push", () => {
    // The push took 40 s to give up: the prompt could ring from then, not from when the attempt was made.
    const unknown = [attempt({ status: "UNKNOWN", createdAt: t0, pushSentAt: at(40) })];
    const until = at(40 + UNKNOWN_BLOCKS_RETRY_SECONDS);
    expect(retryRule("PENDING", unknown, at(UNKNOWN_BLOCKS_RETRY_SECONDS + 1))).toMatchObject({
      allowed: false,
      waitUntil: until,
    });
    expect(retryRule("PENDING", unknown, until)).toEqual({ allowed: true, waitUntil: null });
  });

  it("counts an unknown attempt that never recorded its push from its creation", () => {
    const unknown = [attempt({ status: "UNKNOWN", pushSentAt: null })];
    expect(retryRule("PENDING", unknown, at(UNKNOWN_BLOCKS_RETRY_SECONDS))).toEqual({
      allowed: true,
      waitUntil: null,
    });
  });

  it("waits for the pause M-Pesa asked for, then allows", () => {
    const failed = [attempt({ retryAfter: at(60) })];
    expect(retryRule("FAILED", failed, at(30))).toMatchObject({ allowed: false, waitUntil: at(60) });
    expect(retryRule("FAILED", failed, at(60))).toEqual({ allowed: true, waitUntil: null });
  });

  it("never allows after a failure no retry can fix, even when an older attempt asks to wait", () => {
    const attempts = [attempt({ mayRetry: false }), attempt({ status: "UNKNOWN", pushSentAt: at(0) })];
    expect(retryRule("FAILED", attempts, at(5))).toMatchObject({ allowed: false, waitUntil: null });
  });
});
