import "server-only";
import { CUT_OFF } from "@/lib/http/read-capped";
import { prisma } from "@/lib/db";
import { singleLine } from "@/lib/plain-text";
import { type C2bNotification, parseC2bNotification } from "@/lib/daraja";
import type { C2bEventKind, C2bPayment, CallbackVerdict } from "@/lib/generated/prisma/client";
import { referenceFromAccount } from "./account";
import { isRegisteredC2bToken } from "./registration";
import { payments } from "../shared/context";
import { errorInWords, failsEveryTime, isUniqueViolation } from "../shared/db-errors";
import {
  CANNOT_APPLY,
  type IncomingNotification,
  REPLAY_ORDER,
  inArrivalOrder,
  storable,
  storeWithBody,
} from "../shared/incoming";
import { logPaymentEvent } from "../shared/payment-log";
import { markC2bUnmatched } from "../core/state-machine";
import { ACTOR } from "../core/events";
import { applyToOrder } from "./apply";
import { orderCountingReceipt } from "../core/pay-order";

export type IncomingC2b = IncomingNotification;

type Judgement = { verdict: CallbackVerdict; reason: string; transId?: string };

/**
 * Records a C2B confirmation durably, then applies it. null: the path token is not one of our registered
 * URLs (nothing recorded). Throws only when it could not be recorded, so the route answers 5xx exactly
 * when the payment would otherwise be lost.
 */
export async function receiveC2bConfirmation(
  input: IncomingC2b,
): Promise<(Judgement & { eventId: string }) | null> {
  if (!(await isRegisteredC2bToken(input.token))) return null;
  const eventId = await recordC2bEvent("CONFIRMATION", input);
  const judgement = await judgeConfirmation(input).catch(notApplied);
  await saveVerdict(eventId, judgement);
  return { ...judgement, eventId };
}

/**
 * Applying failed: left RECEIVED for the reconcile job to replay when it may pass next time (a timeout, a
 * dropped connection), REJECTED when every replay would fail the same way (failsEveryTime).
 */
const notApplied = (e: unknown): Judgement =>
  failsEveryTime(e)
    ? { verdict: "REJECTED", reason: `${CANNOT_APPLY}: ${errorInWords(e)}` }
    : { verdict: "RECEIVED", reason: `not applied: ${errorInWords(e)}` };

const describe = (e: unknown) => (e instanceof Error ? e.message.slice(0, 200) : "error");

async function saveVerdict(eventId: string, judgement: Judgement) {
  logPaymentEvent({
    event: "c2b.confirmation",
    transId: judgement.transId,
    verdict: judgement.verdict,
    reason: judgement.reason,
  });
  await prisma.c2bEvent
    .update({
      where: { id: eventId },
      data: {
        verdict: judgement.verdict,
        reason: judgement.reason.slice(0, 500),
        transId: judgement.transId,
      },
    })
    .catch((e: unknown) => logPaymentEvent({ event: "c2b.verdict_unsaved", eventId, error: describe(e) }));
}

export async function recordC2bEvent(kind: C2bEventKind, input: IncomingC2b): Promise<string> {
  const base = { kind, rawBody: storable(input.rawBody), headers: input.headers, sourceIp: input.sourceIp };
  return storeWithBody(
    input.rawBody,
    async (body) => (await prisma.c2bEvent.create({ data: { ...base, body } })).id,
  );
}

type Judged = Pick<IncomingC2b, "rawBody" | "ipAllowed" | "truncated" | "cutOff" | "sourceIp">;

async function judgeConfirmation(input: Judged): Promise<Judgement> {
  if (!input.ipAllowed)
    return { verdict: "REJECTED", reason: `source IP ${input.sourceIp ?? "unknown"} not allowed` };
  if (input.truncated) return { verdict: "REJECTED", reason: "body over the size limit" };
  // Nobody can tell whose money it was: the Payments page lists it for the seller (listCutOffConfirmations).
  if (input.cutOff) return { verdict: "REJECTED", reason: CUT_OFF };
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    return { verdict: "REJECTED", reason: "malformed JSON" };
  }
  const parsed = parseC2bNotification(json, payments().now());
  if (!parsed.ok) return { verdict: "REJECTED", reason: `malformed confirmation: ${parsed.error}` };
  const transId = parsed.payment.transId;
  const payment = await recordPayment(parsed.payment);
  if (!payment) return { verdict: "DUPLICATE", reason: `TransID ${transId} already recorded`, transId };
  return { ...(await matchAndApply(payment, parsed.payment.amountKes !== null)), transId };
}

/** The payment row, once per TransID; null when an earlier confirmation already recorded (and applied) it. */
async function recordPayment(p: C2bNotification): Promise<C2bPayment | null> {
  // Checked first so the usual duplicate raises no unique violation; the constraint still decides a race.
  const existing = await prisma.c2bPayment.findUnique({ where: { transId: p.transId } });
  if (existing) return existing.status === "RECEIVED" ? existing : null;
  try {
    return await prisma.c2bPayment.create({
      // Text as M-Pesa sent it, but for NULs, which PostgreSQL text cannot hold (storable): a confirmation
      // with one would otherwise fail every time it was applied.
      data: {
        transId: p.transId,
        transactionType: storable(p.transactionType.slice(0, 50)),
        shortcode: storable(p.shortcode.slice(0, 20)),
        billRefNumber: storable(p.billRefNumber.slice(0, 100)),
        amountKes: p.amountKes ?? Math.floor(Number(p.amountText)),
        transTime: p.transTime,
        msisdn: storable(p.msisdn),
        firstName: singleLine(p.name),
      },
    });
  } catch (e) {
    if (isUniqueViolation(e, "transId")) return null;
    throw e;
  }
}

async function matchAndApply(payment: C2bPayment, wholeShillings: boolean): Promise<Judgement> {
  // Two confirmations of one TransID can both find it RECEIVED: the one whose move lands applied it.
  const unmatched = async (reason: string): Promise<Judgement> =>
    (await markC2bUnmatched(payment.id, reason))
      ? { verdict: "APPLIED", reason: `unmatched: ${reason}` }
      : { verdict: "DUPLICATE", reason: `TransID ${payment.transId} already recorded` };
  // Its code was typed on an order before this confirmation came: the money is that order's already.
  const countedOn = await orderCountingReceipt(payment.transId);
  if (countedOn) {
    const verdict = await applyToOrder(payment, countedOn, ACTOR.c2b);
    return { verdict: "DUPLICATE", reason: verdict.detail };
  }
  if (!wholeShillings || payment.amountKes <= 0)
    return unmatched("the amount is not a whole number of shillings");
  if (payment.billRefNumber.trim() === "") return unmatched("no account number (Buy Goods)");
  const reference = referenceFromAccount(payment.billRefNumber);
  const order = reference
    ? await prisma.order.findUnique({ where: { reference }, select: { id: true } })
    : null;
  if (!order) return unmatched(`account number "${payment.billRefNumber}" matches no order`);
  const verdict = await applyToOrder(payment, order.id, ACTOR.c2b);
  if (verdict.outcome === "duplicate") return { verdict: "DUPLICATE", reason: verdict.detail };
  return { verdict: "APPLIED", reason: `${reference}: ${verdict.detail}` };
}

/**
 * Confirmations recorded but not applied (the database failed between the two) are applied again from
 * their stored body by the reconcile job: M-Pesa sends a confirmation once.
 */
export async function replayUnappliedC2b(limit = 100): Promise<number> {
  const now = payments().now();
  const stuck = await prisma.c2bEvent.findMany({
    where: {
      kind: "CONFIRMATION",
      verdict: "RECEIVED",
      receivedAt: { lt: new Date(now.getTime() - 30_000) },
    },
    orderBy: REPLAY_ORDER,
    take: limit,
  });
  await prisma.c2bEvent.updateMany({
    where: { id: { in: stuck.map((e) => e.id) } },
    data: { replayedAt: now },
  });
  for (const event of inArrivalOrder(stuck)) {
    const judgement = await judgeConfirmation({
      rawBody: event.rawBody,
      ipAllowed: true,
      truncated: false,
      cutOff: false,
      sourceIp: event.sourceIp,
    }).catch(notApplied);
    await saveVerdict(event.id, { ...judgement, reason: `replayed: ${judgement.reason}` });
  }
  return stuck.length;
}
