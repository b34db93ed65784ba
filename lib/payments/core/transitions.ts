import type {
  AttemptStatus,
  C2bPaymentStatus,
  OrderStatus,
  RefundStatus,
} from "@/lib/generated/prisma/enums";

/**
 * Every payment status change there is, written once. The state machine refuses anything else, and is the
 * only code that makes these changes (through ./status-write.ts).
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  // CANCELLED: the seller called off an unpaid order; its stock goes back on sale.
  PENDING: ["PAID", "FAILED", "EXPIRED", "CANCELLED"],
  // Retried, expired, paid late (a success after the attempt was reported failed), or cancelled.
  FAILED: ["PENDING", "EXPIRED", "PAID", "CANCELLED"],
  // Money arrived after the reservation ended: paid if its stock can be taken again, flagged either way.
  EXPIRED: ["PAID"],
  PAID: [],
  // Money for a cancelled order is recorded and flagged for a refund; the order stays cancelled.
  CANCELLED: [],
};

export const ATTEMPT_TRANSITIONS: Record<AttemptStatus, readonly AttemptStatus[]> = {
  // UNKNOWN: the push's answer was lost (or M-Pesa never answered our queries); it may still be paid.
  PENDING: ["SUCCEEDED", "FAILED", "UNKNOWN"],
  UNKNOWN: ["SUCCEEDED", "FAILED"],
  // Money received after a failure was reported (a query said 1037, then the callback says paid).
  FAILED: ["SUCCEEDED"],
  SUCCEEDED: [],
};

/** A C2B payment: recorded, then applied to its order or left unmatched; unmatched, attached or sent back. */
export const C2B_TRANSITIONS: Record<C2bPaymentStatus, readonly C2bPaymentStatus[]> = {
  RECEIVED: ["APPLIED", "UNMATCHED"],
  UNMATCHED: ["APPLIED", "REFUNDED"],
  APPLIED: [],
  REFUNDED: [],
};

export const mayMoveOrder = (from: OrderStatus, to: OrderStatus) => ORDER_TRANSITIONS[from].includes(to);

export const mayMoveAttempt = (from: AttemptStatus, to: AttemptStatus) =>
  ATTEMPT_TRANSITIONS[from].includes(to);

export const mayMoveC2b = (from: C2bPaymentStatus, to: C2bPaymentStatus) =>
  C2B_TRANSITIONS[from].includes(to);

/**
 * A refund's life: a late result may still settle one we had to call UNKNOWN, and a result can beat our
 * record of Daraja's answer (REQUESTED straight to SUCCEEDED or FAILED).
 */
export const REFUND_TRANSITIONS: Record<RefundStatus, readonly RefundStatus[]> = {
  REQUESTED: ["SENT", "SUCCEEDED", "FAILED", "UNKNOWN"],
  SENT: ["SUCCEEDED", "FAILED", "UNKNOWN"],
  UNKNOWN: ["SUCCEEDED", "FAILED"],
  SUCCEEDED: [],
  FAILED: [],
};

export const mayMoveRefund = (from: RefundStatus, to: RefundStatus) => REFUND_TRANSITIONS[from].includes(to);

/** Refunds that hold money: everything but a failed one counts against what may still go back. */
export const REFUND_HOLDS_MONEY: readonly RefundStatus[] = ["REQUESTED", "SENT", "SUCCEEDED", "UNKNOWN"];
