import { describe, expect, it } from "vitest";
import { AttemptStatus, C2bPaymentStatus, OrderStatus } from "@/lib/generated/prisma/enums";
import {
  ATTEMPT_TRANSITIONS,
  C2B_TRANSITIONS,
  ORDER_TRANSITIONS,
  mayMoveAttempt,
  mayMoveC2b,
  mayMoveOrder,
} from "@/lib/payments/core/transitions";

// The transitions the payment flow promises, as the design states them.
const ORDER_ALLOWED = new Set([
  "PENDING->PAID",
  "PENDING->FAILED",
  "PENDING->EXPIRED",
  "FAILED->PENDING",
  "FAILED->EXPIRED",
  "FAILED->PAID",
  "EXPIRED->PAID",
  // The seller cancels an unpaid order.
  "PENDING->CANCELLED",
  "FAILED->CANCELLED",
  // The seller cancels a paid order; its money goes back by refund in the same step (issue 25).
  "PAID->CANCELLED",
]);
const ATTEMPT_ALLOWED = new Set([
  "PENDING->SUCCEEDED",
  "PENDING->FAILED",
  "PENDING->UNKNOWN",
  "UNKNOWN->SUCCEEDED",
  "UNKNOWN->FAILED",
  "FAILED->SUCCEEDED",
]);
// A C2B payment is applied to its order or waits unmatched; an unmatched one is attached or sent back.
const C2B_ALLOWED = new Set([
  "RECEIVED->APPLIED",
  "RECEIVED->UNMATCHED",
  "UNMATCHED->APPLIED",
  "UNMATCHED->REFUNDED",
]);

const pairs = <T extends string>(values: T[]) =>
  values.flatMap((from) => values.map((to) => [from, to] as const));

describe("payment transitions", () => {
  it.each(pairs(Object.values(OrderStatus)))("order %s -> %s is allowed only if listed", (from, to) => {
    expect(mayMoveOrder(from, to)).toBe(ORDER_ALLOWED.has(`${from}->${to}`));
  });

  it.each(pairs(Object.values(AttemptStatus)))("attempt %s -> %s is allowed only if listed", (from, to) => {
    expect(mayMoveAttempt(from, to)).toBe(ATTEMPT_ALLOWED.has(`${from}->${to}`));
  });

  it.each(pairs(Object.values(C2bPaymentStatus)))(
    "C2B payment %s -> %s is allowed only if listed",
    (from, to) => {
      expect(mayMoveC2b(from, to)).toBe(C2B_ALLOWED.has(`${from}->${to}`));
    },
  );

  it("lets nothing leave SUCCEEDED, CANCELLED, APPLIED or REFUNDED, PAID only to CANCELLED, never in place", () => {
    expect(ORDER_TRANSITIONS.PAID).toEqual(["CANCELLED"]);
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual([]);
    expect(ATTEMPT_TRANSITIONS.SUCCEEDED).toEqual([]);
    expect(C2B_TRANSITIONS.APPLIED).toEqual([]);
    expect(C2B_TRANSITIONS.REFUNDED).toEqual([]);
    const tables = [ORDER_TRANSITIONS, ATTEMPT_TRANSITIONS, C2B_TRANSITIONS];
    for (const [from, tos] of tables.flatMap((table) => Object.entries(table)))
      expect(tos).not.toContain(from);
  });
});
