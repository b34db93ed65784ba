import "server-only";
import { type Tx, prisma } from "@/lib/db";
import { formatKes } from "@/lib/format";
import type { InitiatorSubmit } from "@/lib/daraja";
import type { Refund, RefundStatus } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "../shared/db-errors";
import { hashToken, newCallbackToken } from "../shared/identifiers";
import { payments } from "../shared/context";
import { logPaymentEvent } from "../shared/payment-log";
import { afterRefundChange } from "./after-change";
import { ACTOR, recordOrderEvent } from "./events";
import { raiseFlag } from "./flags";
import { readRefundMoney } from "./refund-money";
import { planRefund } from "./refund-plan";
import { returnOrderStock } from "./stock";
import { lockOrderForUpdate } from "./lock";
import { closeRefundedC2bPayment } from "./state-machine";
import { mayMoveRefund, REFUND_HOLDS_MONEY } from "./transitions";

/**
 * Money going back: the one way out (issue 25). A refund is decided under its order's row lock (or its
 * unmatched payment's), so two requests racing can never commit more than came in; every status change
 * below is listed in ./transitions and conditional on the state it leaves.
 */

export type RefundRequest = {
  amountKes: number;
  reason: string;
  restock: boolean;
  idempotencyKey: string;
  by: string;
} & ({ orderId: string; c2bPaymentId?: never } | { c2bPaymentId: string; orderId?: never });

export type RefundRequestResult =
  { ok: true; refund: Refund; created: boolean } | { ok: false; error: string; refund?: Refund };

export async function requestRefund(input: RefundRequest): Promise<RefundRequestResult> {
  const existing = await prisma.refund.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (existing) return { ok: true, refund: existing, created: false };
  try {
    return await prisma.$transaction(
      (tx) =>
        input.orderId
          ? requestForOrder(tx, input, input.orderId)
          : requestForPayment(tx, input, input.c2bPaymentId!),
      // Rival requests (two tabs, a double click) queue for the order's lock and the pool: longer than 2 s
      // under load (the reliability suite's racing requests found it), which must not fail the seller's request.
      { maxWait: 10_000 },
    );
  } catch (e) {
    // The same key from a second tab that committed first: that refund is this one.
    if (!isUniqueViolation(e, "idempotencyKey")) throw e;
    const refund = await prisma.refund.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (!refund) throw e;
    return { ok: true, refund, created: false };
  }
}

/** Inside a transaction that holds (or may take) the order's lock: cancelling a paid order refunds in it. */
export async function requestForOrder(
  tx: Tx,
  input: RefundRequest,
  orderId: string,
): Promise<RefundRequestResult> {
  const order = await lockOrderForUpdate(tx, orderId, { announce: true });
  // A second tab with the same key waited for the lock behind the first: it finds that refund.
  const same = await tx.refund.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (same) return { ok: true, refund: same, created: false };
  const money = await readRefundMoney(tx, orderId);
  const plan = planRefund({ ...money, amountKes: input.amountKes, orderPhone: order.phone });
  if (!plan.ok) return plan;
  const refund = await insertRefund(tx, input, {
    orderId,
    method: plan.method,
    phone: plan.phone ?? order.phone,
    originalReceipt: plan.method === "REVERSAL" ? plan.receipt : null,
  });
  await recordRefundEvent(tx, refund, "REQUESTED", input.by);
  await afterRefundChange(tx, { refund, from: null, to: "REQUESTED" });
  return { ok: true, refund, created: true };
}

/** An unmatched Pay Bill payment goes back whole, by reversal, once. */
async function requestForPayment(
  tx: Tx,
  input: RefundRequest,
  paymentId: string,
): Promise<RefundRequestResult> {
  const [payment] = await tx.$queryRaw<
    { transId: string; amountKes: number; msisdn: string; status: string }[]
  >`
    SELECT "transId", "amountKes", msisdn, status FROM "C2bPayment" WHERE id = ${paymentId} FOR UPDATE`;
  if (!payment || payment.status !== "UNMATCHED")
    return { ok: false, error: "That payment was already attached or refunded." };
  const active = await tx.refund.count({
    where: { c2bPaymentId: paymentId, status: { in: [...REFUND_HOLDS_MONEY] } },
  });
  if (active > 0) return { ok: false, error: "That payment is already being sent back." };
  const refund = await insertRefund(
    tx,
    { ...input, amountKes: payment.amountKes },
    { c2bPaymentId: paymentId, method: "REVERSAL", phone: payment.msisdn, originalReceipt: payment.transId },
  );
  return { ok: true, refund, created: true };
}

function insertRefund(
  tx: Tx,
  input: RefundRequest,
  target: Pick<
    Prisma.RefundUncheckedCreateInput,
    "orderId" | "c2bPaymentId" | "method" | "phone" | "originalReceipt"
  >,
) {
  return tx.refund.create({
    data: {
      ...target,
      amountKes: input.amountKes,
      reason: input.reason.slice(0, 300),
      restock: input.restock,
      idempotencyKey: input.idempotencyKey,
      // Replaced when the request leaves (claimRefundSend): only then is the token itself known to anyone.
      resultToken: hashToken(newCallbackToken()),
      requestedBy: input.by,
      ...(target.method === "B2C"
        ? { originatorConversationId: `duka-rf-${newCallbackToken().slice(0, 24)}` }
        : {}),
    },
  });
}

/**
 * The one sender's claim: a fresh result token, and the moment the request may have left. False when
 * another process already claimed it (a double click, the reconcile job): then this one must not send.
 */
export async function claimRefundSend(refundId: string): Promise<{ token: string; refund: Refund } | null> {
  const token = newCallbackToken();
  const rows = await prisma.$queryRaw<Refund[]>`
    UPDATE "Refund" SET "resultToken" = ${hashToken(token)}, "sendStartedAt" = ${payments().now()},
      "updatedAt" = now()
    WHERE id = ${refundId} AND status = 'REQUESTED' AND "sendStartedAt" IS NULL
    RETURNING *`;
  return rows[0] ? { token, refund: rows[0] } : null;
}

/** Daraja's immediate answer to the request. */
/** Records Daraja's answer to the send; gives back the refund as it now stands, for the seller to see. */
export async function applyRefundSubmit(refundId: string, submit: InitiatorSubmit): Promise<Refund> {
  if (submit.outcome === "rejected") {
    const message = submit.error.errorMessage ?? submit.error.shopperMessage;
    await moveRefund(refundId, "FAILED", {
      resultCode: submit.error.errorCode ?? submit.error.kind,
      resultDesc: message.slice(0, 500),
      sellerMessage: `M-Pesa refused the request: ${message}`,
      completedAt: payments().now(),
    });
  } else {
    const ids =
      submit.outcome === "accepted"
        ? { originatorConversationId: submit.originatorConversationId, conversationId: submit.conversationId }
        : { resultDesc: `No answer from M-Pesa (${submit.detail}); checking with Transaction Status.` };
    await moveRefund(refundId, "SENT", { ...ids, sentAt: payments().now() }, { keepIds: true });
  }
  return prisma.refund.findUniqueOrThrow({ where: { id: refundId } });
}

export type RefundOutcome =
  | { kind: "succeeded"; receipt: string | null; detail: string }
  | { kind: "failed"; resultCode: string; resultDesc: string; sellerMessage: string }
  | { kind: "unknown"; detail: string };

/** A result (or what Transaction Status said): applied once; duplicates and late echoes change nothing. */
export async function applyRefundOutcome(refundId: string, outcome: RefundOutcome): Promise<boolean> {
  const now = payments().now();
  if (outcome.kind === "succeeded")
    return moveRefund(refundId, "SUCCEEDED", {
      receipt: outcome.receipt,
      resultCode: "0",
      resultDesc: outcome.detail.slice(0, 500),
      sellerMessage: null,
      completedAt: now,
    });
  if (outcome.kind === "failed")
    return moveRefund(refundId, "FAILED", {
      resultCode: outcome.resultCode.slice(0, 50),
      resultDesc: outcome.resultDesc.slice(0, 500),
      sellerMessage: outcome.sellerMessage,
      completedAt: now,
    });
  return moveRefund(refundId, "UNKNOWN", { resultDesc: outcome.detail.slice(0, 500) });
}

/** A status query was sent for it (rate limit of the reconcile job). */
export async function noteRefundQueried(refundId: string): Promise<void> {
  await prisma.refund.updateMany({
    where: { id: refundId },
    data: { lastQueriedAt: payments().now(), queryCount: { increment: 1 } },
  });
}

type RefundChanges = Omit<Prisma.RefundUncheckedUpdateInput, "status" | "id">;

async function moveRefund(
  refundId: string,
  to: RefundStatus,
  data: RefundChanges,
  { keepIds = false } = {},
): Promise<boolean> {
  const moved = await prisma.$transaction(async (tx) => {
    const { orderId } = await tx.refund.findUniqueOrThrow({
      where: { id: refundId },
      select: { orderId: true },
    });
    if (orderId) await lockOrderForUpdate(tx, orderId, { announce: true });
    // Then the refund's own row: an unmatched payment's refund has no order to serialize its result
    // against Daraja's answer.
    const [refund] = await tx.$queryRaw<Refund[]>`SELECT * FROM "Refund" WHERE id = ${refundId} FOR UPDATE`;
    if (!refund) throw new Error(`refund ${refundId} not found`);
    if (!mayMoveRefund(refund.status, to)) return null;
    // A result that beat Daraja's answer already holds the ids: the answer must not overwrite them.
    const changes =
      keepIds && refund.conversationId
        ? { ...data, conversationId: undefined, originatorConversationId: undefined }
        : data;
    const { count } = await tx.refund.updateMany({
      where: { id: refundId, status: refund.status },
      data: { ...changes, status: to },
    });
    if (count !== 1) return null;
    const after = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    if (to === "SUCCEEDED") await settleSucceeded(tx, after);
    await recordRefundEvent(tx, after, to, ACTOR.system);
    await afterRefundChange(tx, { refund: after, from: refund.status, to });
    return { from: refund.status, refund: after };
  });
  if (moved)
    logPaymentEvent({
      event: "refund.moved",
      refund: refundId,
      from: moved.from,
      to,
      method: moved.refund.method,
    });
  return moved !== null;
}

/** What a refund that went through changes besides itself: stock back, an unmatched payment closed. */
async function settleSucceeded(tx: Tx, refund: Refund) {
  if (refund.restock && refund.orderId) await returnOrderStock(tx, refund.orderId);
  if (refund.c2bPaymentId)
    await closeRefundedC2bPayment(tx, refund.c2bPaymentId, {
      by: refund.requestedBy,
      outcome: `sent back by reversal ${refund.receipt ?? ""}`.trim(),
    });
}

const EVENT_OF: Partial<
  Record<RefundStatus, "REFUND_REQUESTED" | "REFUND_SENT" | "REFUND_SUCCEEDED" | "REFUND_FAILED">
> = {
  REQUESTED: "REFUND_REQUESTED",
  SENT: "REFUND_SENT",
  SUCCEEDED: "REFUND_SUCCEEDED",
  FAILED: "REFUND_FAILED",
};

/** The order's history hears of every refund move; one in doubt is a flag the seller must resolve. */
async function recordRefundEvent(tx: Tx, refund: Refund, to: RefundStatus, actor: string) {
  if (!refund.orderId) return;
  const method =
    refund.method === "REVERSAL" ? `reversal of ${refund.originalReceipt}` : `B2C to ${refund.phone}`;
  const kind = EVENT_OF[to];
  if (kind)
    await recordOrderEvent(tx, {
      orderId: refund.orderId,
      kind,
      actor,
      at: payments().now(),
      amountKes: refund.amountKes,
      reference: to === "SUCCEEDED" ? refund.receipt : refund.originalReceipt,
      note:
        to === "FAILED"
          ? (refund.sellerMessage ?? refund.resultDesc)
          : `${formatKes(refund.amountKes)} by ${method}: ${refund.reason}`,
      data: { refundId: refund.id, method: refund.method },
    });
  if (to === "UNKNOWN")
    await raiseFlag(tx, refund.orderId, {
      kind: "REFUND",
      note: `Refund of ${formatKes(refund.amountKes)} (${method}): M-Pesa never said whether it went through. Check the M-Pesa statement.`,
      amountKes: refund.amountKes,
    });
}
