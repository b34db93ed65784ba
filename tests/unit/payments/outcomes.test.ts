import { describe, expect, it } from "vitest";
import type { DarajaError, StkCallback } from "@/lib/daraja";
import { SELLER_REASONS } from "@/lib/payments/core/failure-kinds";
import {
  amountMismatch,
  resultOfCallback,
  resultOfCode,
  resultOfPushRefusal,
} from "@/lib/payments/core/outcomes";

const refusal = (over: Partial<DarajaError>): DarajaError => ({
  kind: "server_error",
  shopperMessage: "M-Pesa is having trouble right now.",
  ...over,
});

describe("Daraja outcomes as the state machine's results", () => {
  it("reads result code 0 as a success, from a callback or a query", () => {
    expect(resultOfCode("0", "ok", "query")).toEqual({
      kind: "success",
      source: "query",
      amountKes: null,
      receipt: null,
      transactionDate: null,
    });
    const paid: StkCallback = {
      success: true,
      merchantRequestId: "m",
      checkoutRequestId: "c",
      resultCode: "0",
      resultDesc: "ok",
      amount: 10,
      receipt: "TKQ1ABC2DE",
      transactionDate: new Date("2026-11-29T07:00:00Z"),
    };
    expect(resultOfCallback(paid)).toMatchObject({
      kind: "success",
      source: "callback",
      amountKes: 10,
      receipt: "TKQ1ABC2DE",
    });
  });

  it.each([
    ["1032", "SHOPPER_DECLINED", true],
    ["2001", "SHOPPER_DECLINED", true],
    ["1", "SHOPPER_ACCOUNT", true],
    ["8006", "SHOPPER_ACCOUNT", false],
    ["1037", "NOT_ANSWERED", true],
    ["1019", "NOT_ANSWERED", true],
    ["2028", "SHOP_CONFIGURATION", false],
    ["SFC_IC0003", "SHOP_CONFIGURATION", false],
    ["77", "UNKNOWN", true],
  ])("result code %s fails as %s (retry allowed: %s)", (code, failureKind, mayRetry) => {
    expect(resultOfCode(code, "desc", "callback")).toMatchObject({
      kind: "failure",
      source: "callback",
      failureKind,
      resultCode: code,
      mayRetry,
    });
  });

  it("keeps M-Pesa's required wait on a failure", () => {
    expect(resultOfCode("17", "", "query")).toMatchObject({ retryAfterSeconds: 120 });
  });

  it("blames the shop for wrong credentials or an invalid shortcode, and Daraja for its outages", () => {
    expect(
      resultOfPushRefusal(refusal({ kind: "wrong_credentials", errorCode: "500.001.1001" })),
    ).toMatchObject({ failureKind: "SHOP_CONFIGURATION", mayRetry: false, resultCode: "500.001.1001" });
    expect(
      resultOfPushRefusal(refusal({ kind: "invalid_request", field: "BusinessShortCode", blamesShop: true })),
    ).toMatchObject({ failureKind: "SHOP_CONFIGURATION" });
    expect(resultOfPushRefusal(refusal({ kind: "invalid_request", field: "PhoneNumber" }))).toMatchObject({
      failureKind: "DARAJA_REFUSED",
      mayRetry: true,
    });
    expect(resultOfPushRefusal(refusal({ kind: "rate_limited", retryAfterSeconds: 60 }))).toMatchObject({
      failureKind: "DARAJA_REFUSED",
      mayRetry: true,
      retryAfterSeconds: 60,
      resultCode: "rate_limited",
    });
  });

  it("stops a wrong-amount payment for good", () => {
    expect(amountMismatch(1, 1800, "TKQ1ABC2DE")).toMatchObject({
      failureKind: "AMOUNT_MISMATCH",
      mayRetry: false,
      resultDesc: "Paid KES 1, expected KES 1800, receipt TKQ1ABC2DE",
    });
  });

  it("has a seller-side reason for every kind, none of them shopper copy", () => {
    for (const reason of Object.values(SELLER_REASONS)) expect(reason).not.toMatch(/\byou\b|please/i);
  });
});
