import type { AttemptStatus, OrderStatus } from "@/lib/generated/prisma/enums";

/**
 * Every payment status change there is, written once. The state machine refuses anything else, and is the
 * only code that makes these changes.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  // CANCELLED: the seller called off an unpaid order (one to be paid on delivery that never was).
  PENDING: ["PAID", "FAILED", "EXPIRED", "CANCELLED"],
  // Retried, expired, or paid late (a success after the attempt was reported failed).
  FAILED: ["PENDING", "EXPIRED", "PAID", "CANCELLED"],
  // Money arrived after the reservation ended: paid if its stock can be taken again, flagged either way.
  EXPIRED: ["PAID"],
  PAID: [],
  // Money arrived after the seller cancelled: the same as after an expiry.
  CANCELLED: ["PAID"],
};

export const ATTEMPT_TRANSITIONS: Record<AttemptStatus, readonly AttemptStatus[]> = {
  // UNKNOWN: the push's answer was lost (or M-Pesa never answered our queries); it may still be paid.
  PENDING: ["SUCCEEDED", "FAILED", "UNKNOWN"],
  UNKNOWN: ["SUCCEEDED", "FAILED"],
  // Money received after a failure was reported (a query said 1037, then the callback says paid).
  FAILED: ["SUCCEEDED"],
  SUCCEEDED: [],
};

export const mayMoveOrder = (from: OrderStatus, to: OrderStatus) => ORDER_TRANSITIONS[from].includes(to);

export const mayMoveAttempt = (from: AttemptStatus, to: AttemptStatus) =>
  ATTEMPT_TRANSITIONS[from].includes(to);
