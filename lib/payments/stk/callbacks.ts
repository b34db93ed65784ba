import "server-only";
import { CUT_OFF } from "@/lib/http/read-capped";
import { randomUUID } from "node:crypto";
import { type Db, type Tx, prisma } from "@/lib/db";
import { type StkCallback, parseCallback } from "@/lib/daraja";
import type { CallbackVerdict, PaymentAttempt } from "@/lib/generated/prisma/client";
import { errorInWords, failsEveryTime, isUniqueViolation } from "../shared/db-errors";
import { hashToken } from "../shared/identifiers";
import {
  CANNOT_APPLY,
  type IncomingNotification,
  REPLAY_ORDER,
  inArrivalOrder,
  storable,
  storeWithBody,
} from "../shared/incoming";
import { payments } from "../shared/context";
import { resultOfCallback } from "../core/outcomes";
import { logPaymentEvent } from "../shared/payment-log";
import { recordRejectedCallback } from "./rejected-callbacks";
import { flagOrder } from "../core/flags";
import type { Verdict } from "../core/state-machine";
import { applyAttemptResult } from "./attempt-result";

export type IncomingCallback = IncomingNotification;

type Judgement = {
  verdict: CallbackVerdict;
  reason: string;
  attemptId?: string;
  /** Already written, in the transaction that applied it. */
  saved?: true;
};

/**
 * Records a Daraja callback durably: the one step before the acknowledgement. Throws only when it could not
 * be recorded, so the route answers 5xx exactly when Daraja's one delivery would otherwise be lost. Returns
 * how to apply it (apply-after-ack.ts runs that once Daraja has its answer). A POST that matches no payment
 * is only noted, small and capped (rejected-callbacks.ts): nobody's money rides on it, nothing to apply.
 */
export async function recordCallback(
  input: IncomingCallback,
): Promise<{ apply: (() => Promise<Judgement>) | null }> {
  const tokenHash = hashToken(input.token);
  const recorded = input.ipAllowed ? await recordIfKnown(input, tokenHash) : null;
  if (!recorded) {
    const outsider = input.ipAllowed ? "unknown token" : notAllowed(input);
    logPaymentEvent({ event: "callback", verdict: "REJECTED", reason: outsider });
    await recordRejectedCallback({ ...input, tokenHash, reason: outsider });
    return { apply: null };
  }
  return { apply: () => applyRecorded(input, { id: recorded.eventId, tokenHash }) };
}

type StoredEvent = { id: string; tokenHash: string };

/**
 * Judges a recorded callback and notes its verdict (`note` goes before it: "replayed: "). A failure that may
 * pass next time (a timeout, a dropped connection) leaves it RECEIVED, to be replayed; one that would fail
 * the same way on every replay (failsEveryTime) is final: REJECTED, its money untouched. The attempt is read
 * now, not when the callback was stored: while it waited its turn, an earlier callback may have changed it.
 */
async function applyRecorded(input: Judged, event: StoredEvent, note = ""): Promise<Judgement> {
  let judgement: Judgement;
  try {
    const attempt = await attemptByToken(event.tokenHash);
    judgement = attempt
      ? await judge(input, attempt, event.id, note)
      : { verdict: "REJECTED", reason: "unknown token" };
  } catch (e) {
    // Recorded but not applied (e.g. the database dropped mid-way): replayed, or settled by STK query.
    judgement = failsEveryTime(e)
      ? { verdict: "REJECTED", reason: `${CANNOT_APPLY}: ${errorInWords(e)}` }
      : { verdict: "RECEIVED", reason: `not applied: ${errorInWords(e)}` };
  }
  await saveVerdict(event.id, { ...judgement, reason: note + judgement.reason });
  return judgement;
}

/** The event is already durable: failing to note its verdict must not turn Daraja's answer into a 5xx. */
async function saveVerdict(eventId: string, judgement: Judgement) {
  logPaymentEvent({
    event: "callback",
    attempt: judgement.attemptId,
    verdict: judgement.verdict,
    reason: judgement.reason,
  });
  if (judgement.saved) return;
  await writeVerdict(prisma, eventId, judgement).catch((e: unknown) =>
    logPaymentEvent({
      event: "callback.verdict_unsaved",
      eventId,
      error: e instanceof Error ? e.message.slice(0, 200) : String(e),
    }),
  );
}

/**
 * The first verdict stands: a replay (reconcile, the order page) can reach a callback still waiting its turn
 * after the acknowledgement, and the one that applied it must not be overwritten by "duplicate". The attempt
 * stored with the callback stays when a judgement names none (an apply that failed).
 */
async function writeVerdict(db: Db | Tx, eventId: string, judgement: Judgement) {
  await db.$executeRaw`
    UPDATE "CallbackEvent" SET verdict = ${judgement.verdict}, reason = ${judgement.reason},
      "attemptId" = COALESCE(${judgement.attemptId ?? null}, "attemptId")
    WHERE id = ${eventId} AND verdict = 'RECEIVED'`;
}

/**
 * Callbacks recorded but not applied (the database failed between the two, or the instance died before its
 * turn came after the acknowledgement) are applied again from their stored body, by the reconcile job (all)
 * and the order page (one prompt's, `tokenHash`): Daraja will not send them twice. The longest untouched go
 * first, so a callback that fails every time cannot fill every batch and hold the others back.
 */
export async function replayUnappliedCallbacks(
  limit = 100,
  { tokenHash, olderThanSeconds = 30 }: { tokenHash?: string; olderThanSeconds?: number } = {},
): Promise<number> {
  const now = payments().now();
  const stuck = await prisma.callbackEvent.findMany({
    where: {
      verdict: "RECEIVED",
      token: tokenHash ?? { not: null },
      receivedAt: { lt: new Date(now.getTime() - olderThanSeconds * 1000) },
    },
    orderBy: REPLAY_ORDER,
    take: limit,
  });
  await prisma.callbackEvent.updateMany({
    where: { id: { in: stuck.map((e) => e.id) } },
    data: { replayedAt: now },
  });
  for (const event of inArrivalOrder(stuck))
    await applyRecorded(
      { rawBody: event.rawBody, ipAllowed: true, truncated: false, cutOff: false, sourceIp: event.sourceIp },
      { id: event.id, tokenHash: event.token! },
      "replayed: ",
    );
  return stuck.length;
}

// The callback path runs plain SQL for its own rows (see lib/conditional-update.ts for why).

/**
 * Stores the callback if its token names one of our payments, and returns that payment's attempt (null: an
 * outsider's POST, stored nowhere here). One statement, committed before the callback is judged: Daraja
 * sends each callback once, so its body must outlive any failure after.
 */
async function recordIfKnown(input: IncomingCallback, tokenHash: string) {
  const eventId = randomUUID();
  const [attempt] = await storeWithBody(
    input.rawBody,
    (body) => prisma.$queryRaw<PaymentAttempt[]>`
      WITH attempt AS (SELECT * FROM "PaymentAttempt" WHERE "callbackToken" = ${tokenHash}),
      recorded AS (
        INSERT INTO "CallbackEvent" (id, token, "attemptId", "rawBody", body, headers, "sourceIp", "receivedAt")
        SELECT ${eventId}::text, ${tokenHash}::text, attempt.id, ${storable(input.rawBody)}::text,
          ${body ? JSON.stringify(body) : null}::jsonb, ${JSON.stringify(input.headers)}::jsonb,
          ${input.sourceIp}::text, ${new Date()}::timestamp(3)
        FROM attempt)
      SELECT * FROM attempt`,
  );
  return attempt ? { attempt, eventId } : null;
}

async function attemptByToken(tokenHash: string): Promise<PaymentAttempt | null> {
  const [attempt] = await prisma.$queryRaw<PaymentAttempt[]>`
    SELECT * FROM "PaymentAttempt" WHERE "callbackToken" = ${tokenHash}`;
  return attempt ?? null;
}

type Judged = Pick<IncomingCallback, "rawBody" | "ipAllowed" | "truncated" | "cutOff" | "sourceIp">;

const notAllowed = (input: Judged) => `source IP ${input.sourceIp ?? "unknown"} not allowed`;

async function judge(
  input: Judged,
  attempt: PaymentAttempt,
  eventId: string,
  note: string,
): Promise<Judgement> {
  if (!input.ipAllowed) return { verdict: "REJECTED", reason: notAllowed(input) };
  if (input.truncated) return { verdict: "REJECTED", reason: "body over the size limit" };
  // Its outcome is lost with its body: the status query settles the prompt (reconcile, the order page).
  if (input.cutOff) return { verdict: "REJECTED", reason: CUT_OFF, attemptId: attempt.id };
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    return { verdict: "REJECTED", reason: "malformed JSON", attemptId: attempt.id };
  }
  const parsed = parseCallback(json);
  if (!parsed.ok) {
    const reason = `malformed callback: ${parsed.error}`.slice(0, 500);
    // With its push answer stored, the attempt is queried anyway: only a lost answer needs this id.
    if (parsed.unusableSuccess && !attempt.checkoutRequestId)
      await holdUnusableSuccess(attempt, parsed.unusableSuccess, parsed.error);
    return { verdict: "REJECTED", reason, attemptId: attempt.id };
  }
  return apply(attempt, parsed.callback, eventId, note);
}

/**
 * M-Pesa says paid but the details cannot be read, and the push answer was lost. Its CheckoutRequestID is
 * recorded first (the only way to query the prompt), then the seller is told: the query settles it.
 */
async function holdUnusableSuccess(attempt: PaymentAttempt, ids: StkIds, problem: string) {
  const idProblem = await matchCheckoutRequestId(attempt, ids);
  await flagOrder(attempt.orderId, {
    kind: "UNCONFIRMED",
    note: idProblem
      ? `M-Pesa sent a success for another prompt to this order's callback (${idProblem}): check the M-Pesa statement.`
      : `M-Pesa reported a payment whose details could not be read (${problem}); it will be confirmed by status query.`,
  });
}

async function apply(
  attempt: PaymentAttempt,
  cb: StkCallback,
  eventId: string,
  note: string,
): Promise<Judgement> {
  const attemptId = attempt.id;
  const idProblem = await matchCheckoutRequestId(attempt, cb);
  if (idProblem) return { verdict: "REJECTED", reason: idProblem, attemptId };
  if (cb.success && cb.amount === attempt.amountKes && attempt.failureKind === "AMOUNT_MISMATCH")
    return confirmAfterMismatch(attempt, cb);
  const judged = (verdict: Verdict): Judgement => ({
    verdict: callbackVerdict(verdict),
    reason: verdict.detail,
    attemptId,
  });
  // The event's verdict commits with the change it caused (a wrong amount's flag included): no window where
  // one is seen without the other.
  const verdict = await applyAttemptResult(attempt, resultOfCallback(cb), (tx, v) =>
    writeVerdict(tx, eventId, { ...judged(v), reason: note + judged(v).reason }),
  );
  return { ...judged(verdict), saved: true };
}

const callbackVerdict = (verdict: Verdict): CallbackVerdict =>
  verdict.outcome === "duplicate" || verdict.outcome === "ignored"
    ? "DUPLICATE"
    : verdict.outcome === "rejected"
      ? "REJECTED"
      : "APPLIED";

type StkIds = Pick<StkCallback, "checkoutRequestId" | "merchantRequestId">;

/**
 * The right amount with a receipt, after an earlier success that reported a wrong one: Daraja sends one
 * callback per payment, so one of the two is not Daraja's. An STK query asks Safaricom whether this
 * CheckoutRequestID was paid; only then does the right one pay the order. The seller sees both. No answer
 * (a timeout, Daraja down) says nothing either way: the callback stays stored and is asked about again.
 */
async function confirmAfterMismatch(attempt: PaymentAttempt, cb: Extract<StkCallback, { success: true }>) {
  const attemptId = attempt.id;
  const answer = await payments().daraja.stkQuery(cb.checkoutRequestId);
  if (answer.state === "error")
    throw new Error(`status query failed: ${answer.error.errorMessage ?? answer.error.kind}`);
  const confirmed = answer.state === "final" && answer.resultCode === "0";
  await flagOrder(attempt.orderId, {
    kind: "AMOUNT_MISMATCH",
    amountKes: cb.amount,
    source: "STK",
    reference: cb.receipt,
    note: confirmed
      ? `A later callback reported KES ${cb.amount} (receipt ${cb.receipt}), the amount asked, and M-Pesa's status query confirmed the payment: the order is paid. Check the earlier wrong-amount callback.`
      : `A later callback reported KES ${cb.amount} (receipt ${cb.receipt}) after a wrong-amount one, but M-Pesa's status query did not confirm it.`,
  });
  if (!confirmed)
    return {
      verdict: "REJECTED" as const,
      reason: "right amount after a mismatch, not confirmed by query",
      attemptId,
    };
  const verdict = await applyAttemptResult(attempt, {
    kind: "success",
    source: "callback",
    amountKes: cb.amount,
    receipt: cb.receipt,
    transactionDate: cb.transactionDate,
    confirmedAfterMismatch: true,
  });
  return {
    verdict: verdict.outcome === "ignored" ? ("DUPLICATE" as const) : ("APPLIED" as const),
    reason: verdict.detail,
    attemptId,
  };
}

/** The callback must be for this attempt's push; when the push answer was lost, it tells us the id. */
async function matchCheckoutRequestId(attempt: PaymentAttempt, cb: StkIds): Promise<string | null> {
  if (attempt.checkoutRequestId) {
    return attempt.checkoutRequestId === cb.checkoutRequestId
      ? null
      : "CheckoutRequestID does not match the attempt";
  }
  // Checked first so the usual case raises no unique violation (the embedded PGlite session does not survive
  // one well); the constraint still decides a race.
  const owner = await prisma.paymentAttempt.findUnique({
    where: { checkoutRequestId: cb.checkoutRequestId },
    select: { id: true },
  });
  if (owner && owner.id !== attempt.id) return "CheckoutRequestID belongs to another attempt";
  try {
    await prisma.paymentAttempt.updateMany({
      where: { id: attempt.id, checkoutRequestId: null },
      data: { checkoutRequestId: cb.checkoutRequestId, merchantRequestId: cb.merchantRequestId },
    });
    return null;
  } catch (e) {
    if (isUniqueViolation(e, "checkoutRequestId")) return "CheckoutRequestID belongs to another attempt";
    throw e;
  }
}
