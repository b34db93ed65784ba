import { describe, expect, it } from "vitest";
import { buildTimeline } from "@/lib/dashboard/timeline";

describe("order timeline with Pay Bill payments", () => {
  it("shows each C2B payment with its TransID, what it did, and who attached it", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 29, 7, m));
    const events = buildTimeline({
      createdAt: at(0),
      totalKes: 1000,
      paidAt: at(5),
      fulfilledAt: null,
      mpesaReceipt: "RKTQDM7W6S",
      attempts: [],
      c2bPayments: [
        {
          id: "a",
          transId: "QWE1234567",
          transactionType: "Pay Bill",
          amountKes: 600,
          billRefNumber: "dk 7q4m2x",
          outcome: "part payment, KES 400 due",
          receivedAt: at(2),
          resolvedBy: null,
        },
        {
          id: "b",
          transId: "RKTQDM7W6S",
          transactionType: "Buy Goods",
          amountKes: 400,
          billRefNumber: "",
          outcome: "order paid",
          receivedAt: at(4),
          resolvedBy: "owner@duka.test",
        },
      ],
    });
    expect(events.map((e) => [e.title, e.detail, e.tone])).toEqual([
      ["Order placed for KES 1,000", undefined, "info"],
      [
        "Pay Bill payment KES 600, TransID QWE1234567",
        'part payment, KES 400 due · account typed "dk 7q4m2x"',
        "warn",
      ],
      ["Buy Goods payment KES 400, TransID RKTQDM7W6S", "order paid · attached by owner@duka.test", "good"],
      ["Order marked paid", "M-Pesa receipt RKTQDM7W6S", "good"],
    ]);
  });
});
