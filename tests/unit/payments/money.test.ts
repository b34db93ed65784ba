import { describe, expect, it } from "vitest";
import { moneyOf } from "@/lib/payments/core/money";

const pending = { status: "PENDING", totalKes: 1000 };
const paid = { status: "PAID", totalKes: 1000 };

describe("an order's money", () => {
  it("is what is due, what came in by source, what went back, and the balance either way", () => {
    expect(moneyOf(pending, [])).toEqual({
      dueKes: 1000,
      receivedBySource: {},
      receivedKes: 0,
      refundedKes: 0,
      balanceKes: 1000,
    });
    const paidTwice = moneyOf(paid, [
      { kind: "PAYMENT_RECEIVED", source: "C2B", amountKes: 600 },
      { kind: "PAYMENT_RECEIVED", source: "C2B", amountKes: 400 },
      { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 },
    ]);
    expect(paidTwice).toMatchObject({
      receivedBySource: { C2B: 1000, STK: 1000 },
      receivedKes: 2000,
      balanceKes: -1000,
    });
    const refunded = moneyOf(paid, [
      { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 },
      { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 },
      { kind: "REFUND_SUCCEEDED", source: null, amountKes: 1000 },
    ]);
    expect(refunded).toMatchObject({ receivedKes: 2000, refundedKes: 1000, balanceKes: 0 });
    expect(moneyOf({ status: "CANCELLED", totalKes: 1000 }, [])).toMatchObject({ dueKes: 0, balanceKes: 0 });
  });

  it("of a paid order owes nothing more after the seller refunds part or all of it", () => {
    const stk = { kind: "PAYMENT_RECEIVED", source: "STK", amountKes: 1000 } as const;
    const back = (amountKes: number) => ({ kind: "REFUND_SUCCEEDED", source: null, amountKes }) as const;
    expect(moneyOf(paid, [stk, back(300)])).toMatchObject({ refundedKes: 300, balanceKes: 0 });
    expect(moneyOf(paid, [stk, back(1000)])).toMatchObject({ refundedKes: 1000, balanceKes: 0 });
    // Overpaid by 500, 300 of it back: 200 still to refund.
    expect(moneyOf(paid, [stk, { ...stk, amountKes: 500 }, back(300)])).toMatchObject({ balanceKes: -200 });
    // A part payment sent back on an order not paid yet: the whole price is due again.
    expect(moneyOf(pending, [{ ...stk, amountKes: 400 }, back(400)])).toMatchObject({ balanceKes: 1000 });
  });
});
