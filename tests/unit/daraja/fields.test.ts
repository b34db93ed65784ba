import { describe, expect, it } from "vitest";
import {
  AMOUNT_MAX,
  AMOUNT_MIN,
  callbackUrlProblem,
  isValidAmount,
  sanitizeAccountReference,
  sanitizeDescription,
} from "@/lib/daraja";

describe("amount limits", () => {
  it("accepts whole shillings from 1 to 250,000", () => {
    expect([AMOUNT_MIN, AMOUNT_MAX]).toEqual([1, 250_000]);
    for (const ok of [1, 2, 999, 250_000]) expect(isValidAmount(ok)).toBe(true);
    for (const bad of [0, -1, 0.5, 1.5, 250_001, Number.NaN, Number.POSITIVE_INFINITY])
      expect(isValidAmount(bad)).toBe(false);
  });
});

describe("sanitizeAccountReference", () => {
  it.each([
    ["ORD-1234", "ORD1234"],
    ["Order #2026-11-25/0042", "Order2026112"],
    ["abcdefghijklmnop", "abcdefghijkl"],
    ["ÜBER ñ 42", "BER42"],
    ["---", "Duka"],
    ["", "Duka"],
  ])("%j -> %j", (input, expected) => {
    const out = sanitizeAccountReference(input);
    expect(out).toBe(expected);
    expect(out).toMatch(/^[A-Za-z0-9]{1,12}$/);
  });
});

describe("sanitizeDescription", () => {
  it.each([
    ["Duka order", "Duka order"],
    ["  Payment for order 42  ", "Payment for o"],
    ["Order\n\t#42", "Order #42"],
    ["Chai & mandazi", "Chai mandazi"],
    ["12345678901234 ", "1234567890123"],
    ["Pay ment     x", "Pay ment x"],
    ["", "Payment"],
    ["🙂🙂", "Payment"],
  ])("%j -> %j", (input, expected) => {
    const out = sanitizeDescription(input);
    expect(out).toBe(expected);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(13);
    expect(out).toBe(out.trim());
  });
});

describe("callbackUrlProblem", () => {
  it("accepts public https URLs everywhere and local http for the emulator", () => {
    expect(
      callbackUrlProblem("https://shop.example.com/api/payments/callback/ab12", "production"),
    ).toBeNull();
    expect(callbackUrlProblem("http://127.0.0.1:3000/api/payments/callback/ab12", "emulator")).toBeNull();
    expect(callbackUrlProblem("http://shop.example.com/cb", "sandbox")).toBeNull();
  });

  it.each([
    ["not a url", "emulator"],
    ["ftp://shop.example.com/cb", "sandbox"],
    ["http://shop.example.com/cb", "production"],
    ["https://localhost/cb", "sandbox"],
    ["https://127.0.0.1/cb", "production"],
    ["https://shop.example.com/mpesa/callback", "production"],
    ["https://shop.example.com/api/callback?query=1", "emulator"],
    [" https://shop.example.com/cb", "sandbox"],
  ] as const)("rejects %j in %s", (url, env) => {
    expect(callbackUrlProblem(url, env)).toEqual(expect.any(String));
  });
});
