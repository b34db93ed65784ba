import { describe, expect, it } from "vitest";
import { buildTimeline } from "@/lib/dashboard/timeline";

type Event = Parameters<typeof buildTimeline>[0]["events"][number];

describe("order timeline with Pay Bill payments", () => {
  it("shows each C2B payment with its TransID, what it did, and who attached it", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 29, 7, m));
    const received = (
      id: string,
      m: number,
      c2bPaymentId: string,
      amountKes: number,
      reference: string,
      actor: string,
    ): Event => ({
      id,
      at: at(m),
      kind: "PAYMENT_RECEIVED",
      actor,
      fromStatus: null,
      toStatus: null,
      attemptId: null,
      c2bPaymentId,
      amountKes,
      source: "C2B",
      reference,
      note: null,
      data: null,
      resolvesId: null,
    });
    const events = buildTimeline({
      createdAt: at(0),
      totalKes: 1000,
      events: [
        received("e1", 2, "a", 600, "QWE1234567", "M-Pesa (Pay Bill)"),
        received("e2", 4, "b", 400, "RKTQDM7W6S", "owner@duka.test"),
        {
          ...received("e3", 4, "b", 0, "", "owner@duka.test"),
          kind: "ORDER_STATUS",
          c2bPaymentId: null,
          amountKes: null,
          source: null,
          reference: null,
          fromStatus: "PENDING",
          toStatus: "PAID",
        },
      ],
      attempts: [],
      c2bPayments: [
        {
          id: "a",
          transactionType: "Pay Bill",
          billRefNumber: "dk 7q4m2x",
          outcome: "part payment, KES 400 due",
        },
        { id: "b", transactionType: "Buy Goods", billRefNumber: "", outcome: "order paid" },
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
      ["Order marked paid", "by owner@duka.test", "good"],
    ]);
  });
});
