import "server-only";
import { type Changes, updateRowIf } from "@/lib/conditional-update";
import { type Tx, prisma } from "@/lib/db";
import { type Order, type PaymentAttempt, Prisma } from "@/lib/generated/prisma/client";
import type { AttemptStatus, OrderStatus } from "@/lib/generated/prisma/enums";
import { afterOrderChange } from "./after-change";
import { announceOrderChange, announcedWith } from "@/lib/live/announce";
import { payments, secondsAfter } from "../shared/context";
import type { AttemptResult, FailureResult, SuccessResult } from "./outcomes";
import { logPaymentEvent } from "../shared/payment-log";
import { releaseStock, takeStock } from "./stock";
import { mayMoveAttempt, mayMoveOrder } from "./transitions";

/**
 * The payment state machine: the only code that changes an attempt's or an order's payment status.
 * Every transition runs in a transaction holding the order's row lock, is one listed in ./transitions,
 * and is conditional on the state it leaves, so duplicate, late and out-of-order results change nothing twice.
 */

export type Verdict = { outcome: "applied" | "duplicate" | "flagged" | "ignored"; detail: string };

const ACTIVE: AttemptStatus[] = ["PENDING", "UNKNOWN"];

// The hot reads below are plain SQL: every callback runs them, and a raw statement costs a third of the
// CPU of the same read through the query builder (bench/RESULTS.md, "Callback ingest"). Same rows, same types.

/**
 * The order's row lock: every payment change takes it first, and only it (attempts are never locked).
 * `announce`: tell live streams the order changed, in the same statement (sent only if the change commits).
 */
export async function lockOrderForUpdate(tx: Tx, orderId: string, { announce = false } = {}): Promise<Order> {
  const [order] = await tx.$queryRaw<Order[]>`
    SELECT o.* FROM "Order" o ${announce ? announcedWith(orderId) : Prisma.empty}
    WHERE o.id = ${orderId} FOR UPDATE OF o`;
  if (!order) throw new Error(`order ${orderId} not found`);
  return order;
}

/**
 * The attempt as it is now (read under its order's lock, so no payment change can race it), and whether
 * `receipt` is already recorded on an attempt: receipts are unique, so a second claim to one is a replay or
 * a forgery, never a second payment. One statement: this runs for every callback.
 */
async function readAttempt(tx: Tx, attemptId: string, receipt: string | null = null) {
  const [row] = await tx.$queryRaw<(PaymentAttempt & { receiptTaken: boolean })[]>`
    SELECT a.*, EXISTS (SELECT 1 FROM "PaymentAttempt" r WHERE r.receipt = ${receipt}) AS "receiptTaken"
    FROM "PaymentAttempt" a WHERE a.id = ${attemptId}`;
  if (!row) throw new Error(`attempt ${attemptId} not found`);
  const { receiptTaken, ...attempt } = row;
  return { attempt, receiptTaken };
}

async function moveOrder(
  tx: Tx,
  order: Order,
  to: OrderStatus,
  data: Omit<Changes<"Order">, "status"> = {},
): Promise<boolean> {
  if (!mayMoveOrder(order.status, to)) throw new Error(`order ${order.status} -> ${to} is not a transition`);
  const moved = await updateRowIf(
    tx,
    "Order",
    { id: order.id, status: order.status },
    { ...data, status: to },
  );
  if (moved) await afterOrderChange(tx, { kind: "order", orderId: order.id, from: order.status, to });
  return moved;
}

async function moveAttempt(
  tx: Tx,
  attempt: Pick<PaymentAttempt, "id" | "orderId" | "status">,
  to: AttemptStatus,
  data: Omit<Changes<"PaymentAttempt">, "status"> = {},
): Promise<boolean> {
  if (!mayMoveAttempt(attempt.status, to))
    throw new Error(`attempt ${attempt.status} -> ${to} is not a transition`);
  const moved = await updateRowIf(
    tx,
    "PaymentAttempt",
    { id: attempt.id, status: attempt.status },
    { ...data, status: to },
  );
  if (moved) {
    await afterOrderChange(tx, {
      kind: "attempt",
      orderId: attempt.orderId,
      attemptId: attempt.id,
      from: attempt.status,
      to,
    });
  }
  return moved;
}

/**
 * Applies a result to an attempt (re-read under its order's lock). `inSameTransaction` writes the caller's
 * own record of the verdict so it commits with the change.
 */
export async function applyAttemptResult(
  { id: attemptId, orderId }: Pick<PaymentAttempt, "id" | "orderId">,
  result: AttemptResult,
  inSameTransaction?: (tx: Tx, verdict: Verdict) => Promise<void>,
): Promise<Verdict> {
  const { verdict, order, attempt } = await prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, orderId, { announce: true });
    const receipt = result.kind === "success" ? result.receipt : null;
    const { attempt, receiptTaken } = await readAttempt(tx, attemptId, receipt);
    const verdict = await (result.kind === "success"
      ? applySuccess(tx, order, attempt, result, receiptTaken)
      : applyFailure(tx, order, attempt, result));
    if (inSameTransaction) await inSameTransaction(tx, verdict);
    return { verdict, order, attempt };
  });
  logPaymentEvent({
    event: `attempt.${result.kind}`,
    order: order.reference,
    attempt: attemptId,
    checkoutRequestId: attempt.checkoutRequestId,
    source: result.source,
    verdict: verdict.outcome,
    detail: verdict.detail,
  });
  return verdict;
}

async function applySuccess(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  result: SuccessResult,
  receiptTaken: boolean,
): Promise<Verdict> {
  if (attempt.status === "SUCCEEDED") return fillLateReceipt(tx, order, attempt, result, receiptTaken);
  // A query sent before the callback reported the wrong amount cannot see amounts: it must not pay it.
  if (attempt.failureKind === "AMOUNT_MISMATCH" && !result.confirmedAfterMismatch)
    return { outcome: "ignored", detail: "the payment's amount did not match" };
  if (receiptTaken)
    return { outcome: "ignored", detail: `receipt ${result.receipt} already recorded on another attempt` };
  const now = payments().now();
  await moveAttempt(tx, attempt, "SUCCEEDED", {
    failureKind: null,
    resultCode: "0",
    resultDesc: result.source === "query" ? "Confirmed by STK query" : "Paid",
    receipt: result.receipt,
    receiptPending: result.receipt === null,
    transactionDate: result.transactionDate,
    completedAt: now,
    shopperMessage: null,
    retryAfter: null,
  });
  return markOrderPaid(tx, order, attempt, result.receipt, now);
}

async function markOrderPaid(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  receipt: string | null,
  now: Date,
): Promise<Verdict> {
  const receiptNote = receipt ?? "receipt not received yet";
  if (!mayMoveOrder(order.status, "PAID")) {
    const already = order.status === "PAID" ? "already paid" : order.status.toLowerCase();
    await flag(
      tx,
      order.id,
      `A second payment (${receiptNote}, attempt ${attempt.id}) arrived for an order ${already}: refund one.`,
    );
    return { outcome: "flagged", detail: `second success for an order ${already}` };
  }
  let attention: string | null = receipt
    ? null
    : "Paid according to M-Pesa's status query; the receipt number has not arrived.";
  if (!order.stockReserved) {
    if (!(await takeStock(tx, order.id))) {
      await flag(
        tx,
        order.id,
        `Payment received (${receiptNote}) after the order ${order.status.toLowerCase()}, and its stock is gone: refund or restock.`,
      );
      return { outcome: "flagged", detail: "late payment, stock gone" };
    }
    attention = `Payment received (${receiptNote}) after the order ${order.status.toLowerCase()}; its stock was taken again.`;
  }
  await moveOrder(tx, order, "PAID", { paidAt: now, mpesaReceipt: receipt, stockReserved: true });
  if (attention) await flag(tx, order.id, attention);
  return attention ? { outcome: "flagged", detail: attention } : { outcome: "applied", detail: "order paid" };
}

/** A success for an attempt already settled as paid: either the receipt we were waiting for, or a duplicate. */
async function fillLateReceipt(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  result: SuccessResult,
  receiptTaken: boolean,
): Promise<Verdict> {
  if (!attempt.receiptPending || !result.receipt)
    return { outcome: "duplicate", detail: "attempt already succeeded" };
  if (receiptTaken)
    return { outcome: "ignored", detail: `receipt ${result.receipt} already recorded on another attempt` };
  await tx.paymentAttempt.update({
    where: { id: attempt.id },
    data: { receipt: result.receipt, receiptPending: false, transactionDate: result.transactionDate },
  });
  if (order.status === "PAID" && order.mpesaReceipt === null) {
    await tx.order.update({ where: { id: order.id }, data: { mpesaReceipt: result.receipt } });
    await flag(
      tx,
      order.id,
      `Receipt ${result.receipt} arrived by callback after the STK query confirmed the payment.`,
    );
  }
  return { outcome: "applied", detail: "late receipt recorded" };
}

async function applyFailure(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  result: FailureResult,
): Promise<Verdict> {
  if (!ACTIVE.includes(attempt.status)) {
    return { outcome: "duplicate", detail: `attempt already ${attempt.status.toLowerCase()}` };
  }
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
    where: { orderId: order.id, id: { not: attempt.id }, status: { in: ACTIVE } },
  });
  if (order.status === "PENDING" && othersActive === 0) {
    const holdUntil = secondsAfter(now, payments().reservationMinutes * 60);
    await moveOrder(tx, order, "FAILED", {
      reservedUntil: holdUntil > order.reservedUntil ? holdUntil : order.reservedUntil,
    });
  }
  return { outcome: "applied", detail: `attempt failed (${result.resultCode})` };
}

/** Adds a reason for the seller to look at the order; earlier reasons are kept (one may say "refund"). */
async function flag(tx: Tx, orderId: string, reason: string) {
  const { attentionReason } = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { attentionReason: true },
  });
  // Each reason once, in the order they came: a replayed callback must not repeat (or erase) earlier ones.
  if (attentionReason?.split("\n").includes(reason)) return;
  const reasons = attentionReason ? `${attentionReason}\n${reason}` : reason;
  await tx.order.update({ where: { id: orderId }, data: { needsAttention: true, attentionReason: reasons } });
  await afterOrderChange(tx, { kind: "flagged", orderId, reason });
}

export async function flagOrder(orderId: string, reason: string) {
  await prisma.$transaction(async (tx) => {
    await lockOrderForUpdate(tx, orderId);
    await flag(tx, orderId, reason);
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
  else await moveOrder(tx, order, "PENDING", data);
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
    if (!mayMoveOrder(order.status, "EXPIRED") || order.reservedUntil > now) return false;
    const active = await tx.paymentAttempt.count({
      where: { orderId, status: { in: ACTIVE }, createdAt: { gt: activeAttemptCutoff } },
    });
    if (active > 0) return false;
    await announceOrderChange(tx, orderId);
    if (order.stockReserved) await releaseStock(tx, orderId);
    await moveOrder(tx, order, "EXPIRED", { stockReserved: false });
    // A push whose answer was lost, and whose callback never came, cannot be queried: it may have been paid.
    const unanswerable = await tx.paymentAttempt.count({
      where: { orderId, status: { in: ACTIVE }, checkoutRequestId: null },
    });
    if (unanswerable > 0) {
      await flag(
        tx,
        orderId,
        "Expired with a prompt whose outcome M-Pesa never reported: check the M-Pesa statement for a payment from this number.",
      );
    }
    logPaymentEvent({
      event: "order.expired",
      order: order.reference,
      transition: `${order.status}->EXPIRED`,
    });
    return true;
  });
}

// ── C2B (Pay Bill / Buy Goods): one more payment source. A payment row moves RECEIVED -> APPLIED or
// UNMATCHED; UNMATCHED -> APPLIED (the owner attached it) or REFUNDED. Each move is conditional on the
// state it leaves, so a replayed confirmation or a double click changes nothing twice.

type C2bResolution = { by: string };

/** Applies a recorded C2B payment to an order: pays it, part-pays it, or flags it for the seller. */
export async function applyC2bPayment(
  paymentId: string,
  orderId: string,
  resolution?: C2bResolution,
): Promise<Verdict> {
  const verdict = await prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, orderId, { announce: true });
    const now = payments().now();
    const claimed = await tx.c2bPayment.updateMany({
      where: { id: paymentId, status: { in: ["RECEIVED", "UNMATCHED"] } },
      data: {
        status: "APPLIED",
        orderId,
        ...(resolution ? { resolvedBy: resolution.by, resolvedAt: now } : {}),
      },
    });
    if (claimed.count === 0) return { outcome: "duplicate" as const, detail: "payment already settled" };
    const payment = await tx.c2bPayment.findUniqueOrThrow({ where: { id: paymentId } });
    const result = await settleOrderByC2b(tx, order, payment, now);
    await tx.c2bPayment.update({ where: { id: paymentId }, data: { outcome: result.detail } });
    return result;
  });
  logPaymentEvent({
    event: "c2b.applied",
    payment: paymentId,
    verdict: verdict.outcome,
    detail: verdict.detail,
  });
  return verdict;
}

async function settleOrderByC2b(
  tx: Tx,
  order: Order,
  payment: { transId: string; amountKes: number },
  now: Date,
): Promise<Verdict> {
  const note = `${payment.transId}, KES ${payment.amountKes}`;
  if (order.status === "PAID") {
    await flag(tx, order.id, `A second payment (${note}) arrived for an order already paid: refund it.`);
    return { outcome: "flagged", detail: "second payment for a paid order" };
  }
  const { _sum } = await tx.c2bPayment.aggregate({
    where: { orderId: order.id, status: "APPLIED" },
    _sum: { amountKes: true },
  });
  const received = _sum.amountKes ?? 0;
  if (received < order.totalKes) return recordPartPayment(tx, order, note, received, now);
  const notes: string[] = [];
  if (received > order.totalKes)
    notes.push(
      `Overpaid: KES ${received} received for KES ${order.totalKes} (${note}): refund KES ${received - order.totalKes}.`,
    );
  if (!order.stockReserved) {
    if (!(await takeStock(tx, order.id))) {
      await flag(
        tx,
        order.id,
        `Payment received (${note}) after the order ${order.status.toLowerCase()}, and its stock is gone: refund or restock.`,
      );
      return { outcome: "flagged", detail: "late payment, stock gone" };
    }
    notes.push(
      `Payment received (${note}) after the order ${order.status.toLowerCase()}; its stock was taken again.`,
    );
  }
  await moveOrder(tx, order, "PAID", { paidAt: now, mpesaReceipt: payment.transId, stockReserved: true });
  for (const reason of notes) await flag(tx, order.id, reason);
  return notes.length > 0
    ? { outcome: "flagged", detail: notes.join(" ") }
    : { outcome: "applied", detail: "order paid" };
}

/** Not enough yet: never paid, the balance shown to the shopper, the stock held while they pay the rest. */
async function recordPartPayment(tx: Tx, order: Order, note: string, received: number, now: Date) {
  const balance = order.totalKes - received;
  await flag(
    tx,
    order.id,
    `Part payment (${note}): KES ${received} of KES ${order.totalKes} received, KES ${balance} due.`,
  );
  const holdUntil = secondsAfter(now, payments().reservationMinutes * 60);
  if (order.stockReserved && holdUntil > order.reservedUntil)
    await tx.order.update({ where: { id: order.id }, data: { reservedUntil: holdUntil } });
  return { outcome: "flagged" as const, detail: `part payment, KES ${balance} due` };
}

/** No order matched: the payment waits in the unmatched list. */
export async function markC2bUnmatched(paymentId: string, reason: string): Promise<boolean> {
  const { count } = await prisma.c2bPayment.updateMany({
    where: { id: paymentId, status: "RECEIVED" },
    data: { status: "UNMATCHED", outcome: reason },
  });
  return count === 1;
}

/** The seller sent an unmatched payment back to the customer. */
export async function markC2bRefunded(paymentId: string, resolution: C2bResolution): Promise<boolean> {
  const { count } = await prisma.c2bPayment.updateMany({
    where: { id: paymentId, status: "UNMATCHED" },
    data: {
      status: "REFUNDED",
      resolvedBy: resolution.by,
      resolvedAt: payments().now(),
      outcome: "refunded",
    },
  });
  return count === 1;
}

/**
 * The seller calls off an unpaid order: its stock returns at once. Refused while a prompt may still be
 * answered (the money could arrive after): wait for it to settle first.
 */
export async function cancelUnpaidOrder(
  orderId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  return prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, orderId, { announce: true });
    if (!mayMoveOrder(order.status, "CANCELLED"))
      return {
        ok: false as const,
        message: `This order is ${order.status.toLowerCase()}: it cannot be cancelled.`,
      };
    const active = await tx.paymentAttempt.count({ where: { orderId, status: { in: ACTIVE } } });
    if (active > 0)
      return {
        ok: false as const,
        message: "An M-Pesa prompt for this order is still open: wait for its answer before cancelling.",
      };
    if (order.stockReserved) await releaseStock(tx, orderId);
    await moveOrder(tx, order, "CANCELLED", { stockReserved: false });
    logPaymentEvent({
      event: "order.cancelled",
      order: order.reference,
      transition: `${order.status}->CANCELLED`,
    });
    return { ok: true as const };
  });
}
