import { describe, expect, it } from "vitest";
import { moneyOf } from "@/lib/payments/core/money";

describe("an order's money", () => {
  it("is what is due, what came in by source, what went back, and the balance either way", () => {
    expect(moneyOf(1000, [])).toEqual({
      dueKes: 1000,
      receivedBySource: {},
      receivedKes: 0,
      refundedKes: 0,
      balanceKes: 1000,
    });
    const paidTwice = moneyOf(1000, [
      { kind: "PAYMENT_RECEIVED", source: "C2B", amountKes: 600 },
      { kind: "PAYMENT_RECEIVED", source: "C2B", amountKes: 400 },
      { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 },
    ]);
    expect(paidTwice).toMatchObject({
      receivedBySource: { C2B: 1000, STK: 1000 },
      receivedKes: 2000,
      balanceKes: -1000,
    });
    const refunded = moneyOf(1000, [
      { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 },
      { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 },
      { kind: "REFUND_SUCCEEDED", source: null, amountKes: 1000 },
    ]);
    expect(refunded).toMatchObject({ receivedKes: 2000, refundedKes: 1000, balanceKes: 0 });
  });
});
