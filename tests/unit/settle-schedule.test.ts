// When a live stream next settles its order: the same moments at which a polling page's status request
// would first have found something to do.
import { describe, expect, it } from "vitest";
import { nextSettleAt } from "@/lib/payments/stk/reconcile";

const t0 = new Date("2026-11-29T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const attempt = (fields: Partial<Parameters<typeof nextSettleAt>[0]["attempts"][number]> = {}) => ({
  id: "a1",
  status: "PENDING",
  checkoutRequestId: "ws_CO_1",
  queryCount: 0,
  lastQueriedAt: null,
  createdAt: t0,
  ...fields,
});
const order = (attempts: ReturnType<typeof attempt>[], status = "PENDING") => ({
  status,
  reservedUntil: at(15 * 60),
  attempts,
});

describe("nextSettleAt", () => {
  it("queries an open prompt 60 s after it was sent, then on the growing backoff", () => {
    expect(nextSettleAt(order([attempt()]))).toEqual(at(60));
    expect(nextSettleAt(order([attempt({ queryCount: 1, lastQueriedAt: at(60) })]))).toEqual(at(70));
    expect(nextSettleAt(order([attempt({ queryCount: 2, lastQueriedAt: at(70) })]))).toEqual(at(90));
  });

  it("looks again at a push still unanswered (60 s, in case its id arrives) before calling it stranded", () => {
    expect(nextSettleAt(order([attempt({ checkoutRequestId: null })]))).toEqual(at(60));
  });

  it("expires at the reservation's end when no prompt is open", () => {
    expect(nextSettleAt(order([attempt({ status: "FAILED" })], "FAILED"))).toEqual(at(15 * 60));
  });

  it("waits out an open prompt's hold (30 min) before expiry once its queries are used up", () => {
    expect(nextSettleAt(order([attempt({ status: "UNKNOWN", queryCount: 7 })]))).toEqual(at(30 * 60));
  });

  it("has nothing to settle on a paid or expired order", () => {
    expect(nextSettleAt(order([attempt({ status: "SUCCEEDED" })], "PAID"))).toBeNull();
    expect(nextSettleAt(order([], "EXPIRED"))).toBeNull();
  });
});
