import "server-only";
import { type Changes, updateRowIf } from "@/lib/conditional-update";
import type { Tx } from "@/lib/db";
import type { C2bPayment, Order, PaymentAttempt } from "@/lib/generated/prisma/client";
import type { AttemptStatus, C2bPaymentStatus, OrderStatus } from "@/lib/generated/prisma/enums";
import { payments } from "../shared/context";
import { afterOrderChange } from "./after-change";
import { ACTOR, recordOrderEvent } from "./events";
import { mayMoveAttempt, mayMoveC2b, mayMoveOrder } from "./transitions";

/*
 * The only code that writes a payment status (Order, PaymentAttempt, C2bPayment). Private to
 * lib/payments/core (eslint.config.mjs refuses an import of it from anywhere else); the shared
 * updateRowIf refuses a status in its types, so this is the one place that passes one, on purpose.
 * Each move is one listed in ./transitions, conditional on the status it leaves, and leaves an event.
 */

type StatusWrite<T extends "Order" | "PaymentAttempt" | "C2bPayment", S> = Omit<Changes<T>, "status"> & {
  status: S;
};

async function writeStatusIf<T extends "Order" | "PaymentAttempt" | "C2bPayment", S extends string>(
  tx: Tx,
  table: T,
  row: { id: string; status: S },
  changes: StatusWrite<T, S>,
): Promise<boolean> {
  // The cast is the one place a status passes through updateRowIf (its types refuse it everywhere else).
  return updateRowIf(
    tx,
    table,
    { id: row.id, status: row.status } as never,
    changes as unknown as Changes<T>,
  );
}

export async function moveOrder(
  tx: Tx,
  order: Pick<Order, "id" | "status">,
  to: OrderStatus,
  data: Changes<"Order"> = {},
  actor: string = ACTOR.system,
): Promise<boolean> {
  if (!mayMoveOrder(order.status, to)) throw new Error(`order ${order.status} -> ${to} is not a transition`);
  const moved = await writeStatusIf(tx, "Order", order, { ...data, status: to });
  if (!moved) return false;
  await recordOrderEvent(tx, {
    orderId: order.id,
    kind: "ORDER_STATUS",
    actor,
    at: payments().now(),
    fromStatus: order.status,
    toStatus: to,
  });
  await afterOrderChange(tx, { kind: "order", orderId: order.id, from: order.status, to });
  return true;
}

export async function moveAttempt(
  tx: Tx,
  attempt: Pick<PaymentAttempt, "id" | "orderId" | "status">,
  to: AttemptStatus,
  data: Changes<"PaymentAttempt"> = {},
  actor: string = ACTOR.system,
): Promise<boolean> {
  if (!mayMoveAttempt(attempt.status, to))
    throw new Error(`attempt ${attempt.status} -> ${to} is not a transition`);
  const moved = await writeStatusIf(tx, "PaymentAttempt", attempt, { ...data, status: to });
  if (!moved) return false;
  await recordOrderEvent(tx, {
    orderId: attempt.orderId,
    kind: "ATTEMPT_STATUS",
    actor,
    at: payments().now(),
    attemptId: attempt.id,
    fromStatus: attempt.status,
    toStatus: to,
    data:
      to === "FAILED"
        ? {
            resultCode: data.resultCode ?? null,
            resultDesc: data.resultDesc ?? null,
            failureKind: data.failureKind ?? null,
          }
        : null,
  });
  await afterOrderChange(tx, {
    kind: "attempt",
    orderId: attempt.orderId,
    attemptId: attempt.id,
    from: attempt.status,
    to,
  });
  return true;
}

/** A C2B payment's move; an event on its order when it has one (an unmatched payment has none). */
export async function moveC2bPayment(
  tx: Tx,
  payment: Pick<C2bPayment, "id" | "status" | "orderId">,
  to: C2bPaymentStatus,
  data: Changes<"C2bPayment"> = {},
  actor: string = ACTOR.system,
): Promise<boolean> {
  if (!mayMoveC2b(payment.status, to))
    throw new Error(`C2B payment ${payment.status} -> ${to} is not a transition`);
  const moved = await writeStatusIf(tx, "C2bPayment", payment, { ...data, status: to });
  const orderId = data.orderId ?? payment.orderId;
  if (moved && orderId) {
    await recordOrderEvent(tx, {
      orderId,
      kind: "C2B_STATUS",
      actor,
      at: payments().now(),
      c2bPaymentId: payment.id,
      fromStatus: payment.status,
      toStatus: to,
    });
  }
  return moved;
}
