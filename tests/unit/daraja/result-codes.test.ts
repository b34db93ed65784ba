import { describe, expect, it } from "vitest";
import { describeResultCode } from "@/lib/daraja";

describe("describeResultCode", () => {
  it.each([
    ["0", "paid", false],
    ["1", "insufficient_funds", true],
    ["2", "limits", true],
    ["3", "limits", true],
    ["4", "limits", true],
    ["8", "limits", true],
    ["17", "duplicate_wait", true],
    ["1001", "session_open", true],
    ["1019", "expired", true],
    ["1025", "prompt_failed", true],
    ["9999", "prompt_failed", true],
    ["1032", "cancelled", true],
    ["1037", "unreachable", true],
    ["2001", "wrong_pin", true],
    ["2028", "seller_config", false],
    ["8006", "pin_locked", false],
    ["SFC_IC0003", "seller_config", false],
  ])("%s -> %s (mayRetry %s)", (code, reason, mayRetry) => {
    const description = describeResultCode(code);
    expect(description).toMatchObject({ reason, mayRetry });
    expect(description.message).toMatch(/^[A-Z].*[.!]$/);
    expect(description.message).not.toMatch(/\b(fail|error|code)\b/i);
  });

  it("asks the shopper to wait after 17 and 1001", () => {
    expect(describeResultCode("17").retryAfterSeconds).toBe(120);
    expect(describeResultCode("1001").retryAfterSeconds).toBe(60);
    expect(describeResultCode("1032").retryAfterSeconds).toBeUndefined();
  });

  it("says plainly when the phone could not be reached", () => {
    expect(describeResultCode("1037").message).toMatch(/couldn't reach your phone/);
  });

  it("gives unknown codes a generic retryable message", () => {
    for (const code of ["12345", "", "constructor", "__proto__", "SFC_XYZ"]) {
      expect(describeResultCode(code)).toEqual({
        reason: "unknown",
        mayRetry: true,
        message: "The M-Pesa payment didn't go through. Please try again.",
      });
    }
  });

  it("tolerates case and spaces in the code, and returns a copy", () => {
    expect(describeResultCode(" sfc_ic0003 ").reason).toBe("seller_config");
    const first = describeResultCode("1032");
    first.message = "changed";
    expect(describeResultCode("1032").message).not.toBe("changed");
  });
});
