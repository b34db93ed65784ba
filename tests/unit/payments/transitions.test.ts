import { describe, expect, it } from "vitest";
import { AttemptStatus, OrderStatus } from "@/lib/generated/prisma/enums";
import {
  ATTEMPT_TRANSITIONS,
  ORDER_TRANSITIONS,
  mayMoveAttempt,
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
  // The seller cancels an unpaid order (pay on delivery); money arriving after it is treated as after an expiry.
  "PENDING->CANCELLED",
  "FAILED->CANCELLED",
  "CANCELLED->PAID",
]);
const ATTEMPT_ALLOWED = new Set([
  "PENDING->SUCCEEDED",
  "PENDING->FAILED",
  "PENDING->UNKNOWN",
  "UNKNOWN->SUCCEEDED",
  "UNKNOWN->FAILED",
  "FAILED->SUCCEEDED",
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

  it("lets nothing leave PAID or SUCCEEDED, only late money leave CANCELLED, and never stays in place", () => {
    expect(ORDER_TRANSITIONS.PAID).toEqual([]);
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual(["PAID"]);
    expect(ATTEMPT_TRANSITIONS.SUCCEEDED).toEqual([]);
    for (const [from, tos] of [...Object.entries(ORDER_TRANSITIONS), ...Object.entries(ATTEMPT_TRANSITIONS)])
      expect(tos).not.toContain(from);
  });
});
