import "server-only";
import { prisma } from "@/lib/db";
import { replayUnappliedC2b } from "../c2b/confirmations";
import { replayUnappliedCallbacks } from "./callbacks";
import { payments, secondsAfter } from "../shared/context";
import { resultOfCode } from "../core/outcomes";
import { logPaymentEvent } from "../shared/payment-log";
import { flagOrder } from "../core/flags";
import { expireOrder, markAttemptUnknown } from "../core/state-machine";
import { ACTIVE_ATTEMPT, OPEN_ORDER, isActiveAttempt, isOpenOrder } from "../core/status-groups";
import { applyAttemptResult } from "./attempt-result";

/** Daraja's callback usually comes within 60 s; only then do we ask, and sparingly (queries are rate limited). */
export const QUERY_AFTER_SECONDS = 60;
/** Waits between queries of one attempt: growing, so a slow answer (1019 can take minutes) is still caught. */
const QUERY_BACKOFF_SECONDS = [0, 10, 20, 40, 80, 160, 320];
export const MAX_QUERIES_PER_ATTEMPT = QUERY_BACKOFF_SECONDS.length;
/** An attempt still unsettled this long after it started no longer holds its order's stock. */
export const ACTIVE_ATTEMPT_HOLD_MINUTES = 30;
/** A push whose outcome was never recorded (the function died mid-way) is "unknown" after this long. */
const STRANDED_PUSH_SECONDS = 120;
/** The cron route must finish inside the platform's time limit: stop querying after this. */
const CRON_QUERY_BUDGET_MS = 30_000;

type AttemptToQuery = { id: string; queryCount: number; lastQueriedAt: Date | null; createdAt: Date };

/** When the attempt may next be queried; null once its queries are used up. */
function queryDueAt(attempt: AttemptToQuery): Date | null {
  const wait = QUERY_BACKOFF_SECONDS[attempt.queryCount];
  if (wait === undefined) return null;
  const first = secondsAfter(attempt.createdAt, QUERY_AFTER_SECONDS);
  const next = attempt.lastQueriedAt ? secondsAfter(attempt.lastQueriedAt, wait) : first;
  return next > first ? next : first;
}

function queryDue(attempt: AttemptToQuery, now: Date): boolean {
  const at = queryDueAt(attempt);
  return at !== null && at <= now;
}

/**
 * Asks Daraja about one overdue attempt when its backoff allows. The claim is a conditional update on the
 * values just read, so concurrent status polls and the cron job send one query between them.
 */
export async function reconcileAttempt(attemptId: string): Promise<string> {
  const now = payments().now();
  const attempt = await prisma.paymentAttempt.findUnique({ where: { id: attemptId } });
  if (!attempt?.checkoutRequestId || !isActiveAttempt(attempt.status) || !queryDue(attempt, now)) {
    return "skipped";
  }
  const claimed = await prisma.paymentAttempt.updateMany({
    where: { id: attemptId, queryCount: attempt.queryCount, lastQueriedAt: attempt.lastQueriedAt },
    data: { lastQueriedAt: now, queryCount: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped";
  const answer = await payments().daraja.stkQuery(attempt.checkoutRequestId);
  logPaymentEvent({
    event: "query",
    attempt: attempt.id,
    checkoutRequestId: attempt.checkoutRequestId,
    state: answer.state,
  });
  if (answer.state === "final") {
    await applyAttemptResult(attempt, resultOfCode(answer.resultCode, answer.resultDesc, "query"));
    return `final ${answer.resultCode}`;
  }
  if (attempt.queryCount + 1 >= MAX_QUERIES_PER_ATTEMPT) await giveUpQuerying(attempt.id, attempt.orderId);
  return answer.state;
}

/** M-Pesa never gave a final answer: stop asking, let the shopper retry, and tell the seller. */
async function giveUpQuerying(attemptId: string, orderId: string) {
  await markAttemptUnknown(attemptId);
  await flagOrder(orderId, {
    kind: "UNCONFIRMED",
    note: `M-Pesa never confirmed attempt ${attemptId} either way: check the M-Pesa statement.`,
  });
}

/** A push that died before its outcome was recorded has no CheckoutRequestID to query: call it unknown. */
async function markStrandedPushesUnknown(now: Date) {
  const stranded = await prisma.paymentAttempt.findMany({
    where: {
      status: "PENDING",
      checkoutRequestId: null,
      createdAt: { lt: secondsAfter(now, -STRANDED_PUSH_SECONDS) },
    },
    select: { id: true },
    take: 500,
  });
  for (const { id } of stranded) await markAttemptUnknown(id);
  return stranded.length;
}

/**
 * The cron job: apply what was stored but not applied (a shopper who paid in time must not find the order
 * expired by this very run), expire (bounded, so it is never starved), then query.
 */
export async function reconcileAll(limit = 100) {
  const started = Date.now();
  const now = payments().now();
  const replayed = (await replayUnappliedCallbacks(limit)) + (await replayUnappliedC2b(limit));
  const expired = await expireDueOrders(limit * 5);
  const stranded = await markStrandedPushesUnknown(now);
  const overdue = await prisma.paymentAttempt.findMany({
    where: {
      status: { in: [...ACTIVE_ATTEMPT] },
      checkoutRequestId: { not: null },
      createdAt: { lt: secondsAfter(now, -QUERY_AFTER_SECONDS) },
      queryCount: { lt: MAX_QUERIES_PER_ATTEMPT },
    },
    orderBy: { lastQueriedAt: { sort: "asc", nulls: "first" } },
    take: limit,
  });
  const answers: Record<string, number> = {};
  let queried = 0;
  for (const attempt of overdue.filter((a) => queryDue(a, now))) {
    if (Date.now() - started > CRON_QUERY_BUDGET_MS) break;
    const answer = await reconcileAttempt(attempt.id);
    answers[answer] = (answers[answer] ?? 0) + 1;
    queried++;
  }
  return { queried, answers, expired, replayed, stranded };
}

/** Lazily, from the order page: settle this order only. */
export async function settleOrder({ id: orderId, reservedUntil }: { id: string; reservedUntil: Date }) {
  const now = payments().now();
  const active = await prisma.paymentAttempt.findFirst({
    where: { orderId, status: { in: [...ACTIVE_ATTEMPT] } },
    orderBy: { createdAt: "desc" },
  });
  // Its callback may be stored but not applied (an instance that died after answering Daraja): that carries
  // the receipt, which a status query does not; reconcileAttempt then skips a prompt it settled.
  // Applying one twice is safe (the state machine is conditional, the first verdict stands), so a few seconds
  // is old enough here: the STK query below must not overtake a stored callback.
  if (active) await replayUnappliedCallbacks(10, { tokenHash: active.callbackToken, olderThanSeconds: 5 });
  if (active?.checkoutRequestId) await reconcileAttempt(active.id);
  if (
    active?.status === "PENDING" &&
    !active.checkoutRequestId &&
    active.createdAt < secondsAfter(now, -STRANDED_PUSH_SECONDS)
  ) {
    await markAttemptUnknown(active.id);
  }
  if (reservedUntil < now) await expireOrder(orderId, secondsAfter(now, -ACTIVE_ATTEMPT_HOLD_MINUTES * 60));
}

type SettleableOrder = {
  status: string;
  reservedUntil: Date;
  /** Newest first. */
  attempts: (AttemptToQuery & { status: string; checkoutRequestId: string | null })[];
};

/**
 * When settleOrder could next change this order (query, stranded push, expiry), so a live stream can wait
 * for it instead of asking every few seconds; null when nothing is left to settle.
 */
export function nextSettleAt(order: SettleableOrder): Date | null {
  if (!isOpenOrder(order.status)) return null;
  const active = order.attempts.find((a) => isActiveAttempt(a.status));
  if (!active) return order.reservedUntil;
  const holdEnds = secondsAfter(active.createdAt, ACTIVE_ATTEMPT_HOLD_MINUTES * 60);
  const times = [order.reservedUntil > holdEnds ? order.reservedUntil : holdEnds];
  if (active.checkoutRequestId) {
    const query = queryDueAt(active);
    if (query) times.push(query);
  } else if (active.status === "PENDING") {
    // Its CheckoutRequestID may be stored after this read (the push is still being answered): look then too.
    times.push(secondsAfter(active.createdAt, QUERY_AFTER_SECONDS));
    times.push(secondsAfter(active.createdAt, STRANDED_PUSH_SECONDS));
  }
  return times.reduce((a, b) => (a < b ? a : b));
}

export async function expireDueOrders(limit = 500): Promise<number> {
  const now = payments().now();
  const due = await prisma.order.findMany({
    where: { status: { in: [...OPEN_ORDER] }, reservedUntil: { lt: now }, paymentMethod: "MPESA_NOW" },
    select: { id: true },
    take: limit,
  });
  let expired = 0;
  for (const { id } of due) {
    if (await expireOrder(id, secondsAfter(now, -ACTIVE_ATTEMPT_HOLD_MINUTES * 60))) expired++;
  }
  return expired;
}
