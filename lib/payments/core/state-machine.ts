import "server-only";
import { maskPhone } from "@/lib/daraja";
import { formatKes } from "@/lib/format";
import { type Tx, prisma } from "@/lib/db";
import type { Order, PaymentAttempt } from "@/lib/generated/prisma/client";
import { announceOrderChange } from "@/lib/live/announce";
import { payments, secondsAfter } from "../shared/context";
import { logPaymentEvent } from "../shared/payment-log";
import { ACTOR, recordOrderEvent } from "./events";
import { raiseFlag } from "./flags";
import { lockOrderForUpdate } from "./lock";
import type { FailureResult } from "./outcomes";
import { ACTIVE_ATTEMPT, isActiveAttempt, isOpenOrder } from "./status-groups";
import { moveAttempt, moveC2bPayment, moveOrder } from "./status-write";
import { releaseStock } from "./stock";

/**
 * The payment state machine: with ./pay-order.ts (the one road to PAID), the only code that changes an
 * attempt's, an order's or a C2B payment's status. Every transition runs in a transaction holding the
 * order's row lock, is one listed in ./transitions, and is conditional on the state it leaves, so
 * duplicate, late and out-of-order results change nothing twice.
 */

export type Verdict = {
  outcome: "applied" | "duplicate" | "flagged" | "ignored" | "rejected";
  detail: string;
};

// The hot reads below are plain SQL: every callback runs them, and a raw statement costs a third of the
// CPU of the same read through the query builder (bench/RESULTS.md, "Callback ingest"). Same rows, same types.

/**
 * The attempt as it is now (read under its order's lock, so no payment change can race it), and whether
 * `receipt` is already recorded on an attempt: receipts are unique, so a second claim to one is a replay or
 * a forgery, never a second payment. One statement: this runs for every callback.
 */
export async function readAttempt(tx: Tx, attemptId: string, receipt: string | null = null) {
  const [row] = await tx.$queryRaw<(PaymentAttempt & { receiptTaken: boolean })[]>`
    SELECT a.*, EXISTS (SELECT 1 FROM "PaymentAttempt" r WHERE r.receipt = ${receipt}) AS "receiptTaken"
    FROM "PaymentAttempt" a WHERE a.id = ${attemptId}`;
  if (!row) throw new Error(`attempt ${attemptId} not found`);
  const { receiptTaken, ...attempt } = row;
  return { attempt, receiptTaken };
}

/** A failure reported for an attempt (push refused, callback, query), in its own transaction. */
export async function applyAttemptFailure(
  { id: attemptId, orderId }: Pick<PaymentAttempt, "id" | "orderId">,
  result: FailureResult,
  inSameTransaction?: (tx: Tx, verdict: Verdict) => Promise<void>,
): Promise<Verdict> {
  const { verdict, order, attempt } = await prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, orderId, { announce: true });
    const { attempt } = await readAttempt(tx, attemptId);
    const verdict = await failAttemptIn(tx, order, attempt, result);
    if (inSameTransaction) await inSameTransaction(tx, verdict);
    return { verdict, order, attempt };
  });
  logPaymentEvent({
    event: "attempt.failure",
    order: order.reference,
    attempt: attemptId,
    checkoutRequestId: attempt.checkoutRequestId,
    source: result.source,
    verdict: verdict.outcome,
    detail: verdict.detail,
  });
  return verdict;
}

/** The attempt fails; its order too when no other attempt may still be paid. Under the caller's lock. */
export async function failAttemptIn(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  result: FailureResult,
): Promise<Verdict> {
  if (!isActiveAttempt(attempt.status))
    return { outcome: "duplicate", detail: `attempt already ${attempt.status.toLowerCase()}` };
  const now = payments().now();
  await moveAttempt(tx, attempt, "FAILED", {
    failureKind: result.failureKind,
    resultCode: result.resultCode,
    resultDesc: result.resultDesc.slice(0, 500),
    shopperMessage: result.shopperMessage,
    mayRetry: result.mayRetry,
    retryAfter: result.retryAfterSeconds ? secondsAfter(now, result.retryAfterSeconds) : null,
    completedAt: now,
  });
  const othersActive = await tx.paymentAttempt.count({
    where: { orderId: order.id, id: { not: attempt.id }, status: { in: [...ACTIVE_ATTEMPT] } },
  });
  if (order.status === "PENDING" && othersActive === 0) {
    const holdUntil = secondsAfter(now, payments().reservationMinutes * 60);
    await moveOrder(tx, order, "FAILED", {
      reservedUntil: holdUntil > order.reservedUntil ? holdUntil : order.reservedUntil,
    });
  }
  return { outcome: "applied", detail: `attempt failed (${result.resultCode})` };
}

/** A new attempt (checkout, "Try again", the owner's test) enters the order's history as its prompt. */
export async function recordAttemptOpened(
  tx: Tx,
  attempt: Pick<PaymentAttempt, "id" | "orderId" | "phone" | "amountKes">,
  at: Date,
  actor: string = ACTOR.system,
) {
  await recordOrderEvent(tx, {
    orderId: attempt.orderId,
    kind: "ATTEMPT_STATUS",
    actor,
    at,
    attemptId: attempt.id,
    toStatus: "PENDING",
    amountKes: attempt.amountKes,
    note: `prompt for ${formatKes(attempt.amountKes)} sent to ${maskPhone(attempt.phone)}`,
  });
}

/**
 * "Try again": a FAILED order is PENDING again; a PENDING one (its last push's outcome never came)
 * stays so. Either way it holds its stock a full reservation from now, for the number prompted.
 */
export async function reopenForRetry(tx: Tx, order: Order, phone: string, now: Date) {
  const holdUntil = secondsAfter(now, payments().reservationMinutes * 60);
  const data = { phone, reservedUntil: holdUntil > order.reservedUntil ? holdUntil : order.reservedUntil };
  if (order.status === "PENDING") await tx.order.update({ where: { id: order.id }, data });
  else await moveOrder(tx, order, "PENDING", data, "shopper");
}

/** Daraja accepted the push: remember its ids (a callback may already have settled the attempt). */
export async function recordPushAccepted(
  attemptId: string,
  { merchantRequestId, checkoutRequestId }: { merchantRequestId: string; checkoutRequestId: string },
) {
  // Only these two fields: callers pass Daraja's whole answer, which carries more.
  const updated = await prisma.paymentAttempt.updateMany({
    where: { id: attemptId, checkoutRequestId: null },
    data: { merchantRequestId, checkoutRequestId, pushSentAt: payments().now() },
  });
  return updated.count === 1;
}

/**
 * The push timed out or the connection broke (or M-Pesa never answered our queries): Daraja may or may
 * not have prompted. Never resend. pushSentAt keeps the first time the prompt could have rung.
 */
export async function markAttemptUnknown(attemptId: string) {
  await prisma.$transaction(async (tx) => {
    const { orderId } = await tx.paymentAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { orderId: true },
    });
    await lockOrderForUpdate(tx, orderId);
    const { attempt } = await readAttempt(tx, attemptId);
    if (attempt.status !== "PENDING") return;
    await moveAttempt(tx, attempt, "UNKNOWN", { pushSentAt: attempt.pushSentAt ?? payments().now() });
    await announceOrderChange(tx, orderId);
  });
}

/** Unpaid past its reservation: the order expires and its stock returns, once. */
export async function expireOrder(orderId: string, activeAttemptCutoff: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, orderId);
    const now = payments().now();
    // Paid on delivery: held until the seller cancels it or it is paid at the door, never expired.
    if (order.paymentMethod === "ON_DELIVERY") return false;
    if (!isOpenOrder(order.status) || order.reservedUntil > now) return false;
    const active = await tx.paymentAttempt.count({
      where: { orderId, status: { in: [...ACTIVE_ATTEMPT] }, createdAt: { gt: activeAttemptCutoff } },
    });
    if (active > 0) return false;
    await announceOrderChange(tx, orderId);
    if (order.stockReserved) await releaseStock(tx, orderId);
    await moveOrder(tx, order, "EXPIRED", { stockReserved: false });
    // A push whose answer was lost, and whose callback never came, cannot be queried: it may have been paid.
    const unanswerable = await tx.paymentAttempt.count({
      where: { orderId, status: { in: [...ACTIVE_ATTEMPT] }, checkoutRequestId: null },
    });
    if (unanswerable > 0) {
      await raiseFlag(tx, orderId, {
        kind: "UNCONFIRMED",
        note: "Expired with a prompt whose outcome M-Pesa never reported: check the M-Pesa statement for a payment from this number.",
      });
    }
    logPaymentEvent({
      event: "order.expired",
      order: order.reference,
      transition: `${order.status}->EXPIRED`,
    });
    return true;
  });
}

export type CancelResult = { ok: true } | { ok: false; reason: string };

/**
 * The seller calls off an unpaid order: CANCELLED, its stock back on sale, the reason in its history.
 * Refused while a prompt may still be paid (wait for its outcome), and for paid or ended orders. Money
 * that arrives later is recorded and flagged for a refund (./pay-order.ts).
 */
export async function cancelOrder(
  orderId: string,
  { by, note }: { by: string; note?: string | null },
): Promise<CancelResult> {
  return prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, orderId, { announce: true });
    if (!isOpenOrder(order.status))
      return { ok: false as const, reason: `An order ${order.status.toLowerCase()} cannot be cancelled.` };
    const active = await tx.paymentAttempt.count({ where: { orderId, status: { in: [...ACTIVE_ATTEMPT] } } });
    if (active > 0)
      return {
        ok: false as const,
        reason: "A payment prompt for this order is still open. Wait for its outcome, then cancel.",
      };
    if (order.stockReserved) await releaseStock(tx, orderId);
    await moveOrder(tx, order, "CANCELLED", { stockReserved: false }, by);
    await recordOrderEvent(tx, {
      orderId,
      kind: "SELLER_ACTION",
      actor: by,
      at: payments().now(),
      note: note?.trim() ? `Cancelled: ${note.trim()}` : "Cancelled",
    });
    return { ok: true as const };
  });
}

// ── C2B (Pay Bill / Buy Goods): a payment row moves RECEIVED -> APPLIED (./pay-order.ts) or UNMATCHED;
// UNMATCHED -> APPLIED (the seller attached it) or REFUNDED. Each move is conditional on the state it leaves.

/** No order matched: the payment waits in the unmatched list. */
export async function markC2bUnmatched(paymentId: string, reason: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const payment = await tx.c2bPayment.findUniqueOrThrow({ where: { id: paymentId } });
    if (payment.status !== "RECEIVED") return false;
    return moveC2bPayment(tx, payment, "UNMATCHED", { outcome: reason }, ACTOR.c2b);
  });
}

/** The seller sent an unmatched payment back to the customer. */
export async function markC2bRefunded(paymentId: string, { by }: { by: string }): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const payment = await tx.c2bPayment.findUniqueOrThrow({ where: { id: paymentId } });
    if (payment.status !== "UNMATCHED") return false;
    return moveC2bPayment(
      tx,
      payment,
      "REFUNDED",
      { resolvedBy: by, resolvedAt: payments().now(), outcome: "refunded" },
      by,
    );
  });
}

/** An unmatched payment that went back by reversal (the refund core calls it, in its transaction). */
export async function closeRefundedC2bPayment(
  tx: Tx,
  paymentId: string,
  how: { by: string; outcome: string },
) {
  const payment = await tx.c2bPayment.findUniqueOrThrow({ where: { id: paymentId } });
  if (payment.status !== "UNMATCHED") return;
  await moveC2bPayment(
    tx,
    payment,
    "REFUNDED",
    { resolvedBy: how.by, resolvedAt: payments().now(), outcome: how.outcome },
    how.by,
  );
}
