import "server-only";
import { type Tx, prisma } from "@/lib/db";
import type { C2bPayment, MoneySource, Order, PaymentAttempt } from "@/lib/generated/prisma/client";
import { payments, secondsAfter } from "../shared/context";
import { logPaymentEvent } from "../shared/payment-log";
import { ACTOR, recordOrderEvent } from "./events";
import { type Flag, raiseFlag } from "./flags";
import { lockOrderForUpdate } from "./lock";
import { orderMoney } from "./money";
import { amountMismatch } from "./outcomes";
import { type Verdict, failAttemptIn, readAttempt } from "./state-machine";
import { isActiveAttempt } from "./status-groups";
import { moveAttempt, moveC2bPayment, moveOrder } from "./status-write";
import { takeStock } from "./stock";

/**
 * Money for an order, from any source. Every source calls payOrder with what it heard; nothing else marks
 * an order paid.
 */
export type PayOrderInput = {
  orderId: string;
  source: MoneySource;
  /** What the source reports; null only when it cannot see amounts (an STK status query). */
  amountKes: number | null;
  /** The M-Pesa receipt / TransID / verified code, or the seller's note for cash; null: not known yet. */
  reference: string | null;
  /** Who: ACTOR.callback / .query / .c2b for M-Pesa's reports, or the seller's email. */
  by: string;
  /** STK and door prompts: the attempt this settles. */
  attempt?: { id: string; transactionDate: Date | null; confirmedAfterMismatch?: boolean };
  /** C2B: the recorded payment (RECEIVED, or UNMATCHED when the seller attaches it). */
  c2bPaymentId?: string;
};

/** How a verdict names the order a prompt's receipt is already counted on (the Payments page lists these). */
export const COUNTED_ELSEWHERE = "already counted on order";

/** M-Pesa money carries a receipt, once: the same receipt is counted once, whichever source reports it. */
const paymentKey = (input: PayOrderInput): string | null => {
  if (input.source === "CASH") return null;
  if (input.reference) return `mpesa:${input.reference}`;
  return input.attempt ? `stk-attempt:${input.attempt.id}` : null;
};

/**
 * The one road to PAID. In one transaction, under the order's lock: claims the source's record (the
 * attempt, the C2B payment), checks the amount, counts the money (a PAYMENT_RECEIVED event), then pays the
 * order, or flags it for the seller (second payment, part payment, overpaid, paid late). `inSameTransaction`
 * writes the caller's own record of the verdict so it commits with the change.
 */
export async function payOrder(
  input: PayOrderInput,
  inSameTransaction?: (tx: Tx, verdict: Verdict) => Promise<void>,
): Promise<Verdict> {
  const { verdict, order } = await prisma.$transaction(async (tx) => {
    const order = await lockOrderForUpdate(tx, input.orderId, { announce: true });
    const verdict = await payLockedOrder(tx, order, input);
    if (inSameTransaction) await inSameTransaction(tx, verdict);
    return { verdict, order };
  });
  logPaymentEvent({
    event: "order.pay",
    order: order.reference,
    source: input.source,
    attempt: input.attempt?.id,
    payment: input.c2bPaymentId,
    verdict: verdict.outcome,
    detail: verdict.detail,
  });
  return verdict;
}

type Claim = { done: Verdict } | { amountKes: number; reference: string | null };

async function payLockedOrder(tx: Tx, order: Order, input: PayOrderInput): Promise<Verdict> {
  const key = paymentKey(input);
  const duplicate: Verdict = {
    outcome: "duplicate",
    detail: `${input.reference ?? "this payment"} already counted`,
  };
  const counted = key ? await countedOn(tx, key) : null;
  // An attempt guards its own receipts (below); other sources are kept from counting money twice here.
  if (counted && !input.attempt) {
    if (input.c2bPaymentId) await settleCountedC2b(tx, input.c2bPaymentId, counted, input.by);
    return duplicate;
  }
  // A prompt's success naming money another order counted (a forgery replaying a receipt, or a code typed
  // on the wrong order): never this order's, whatever a replay tries. Nothing moves; the verdict says where.
  if (counted && counted.orderId !== order.id)
    return {
      outcome: "rejected",
      detail: `receipt ${input.reference} ${COUNTED_ELSEWHERE} ${counted.reference}`,
    };
  const claim = input.attempt
    ? await claimAttempt(tx, order, input, input.attempt)
    : input.c2bPaymentId
      ? await claimC2b(tx, order, input, input.c2bPaymentId)
      : claimOther(input);
  if ("done" in claim) return claim.done;
  const now = payments().now();
  const recorded = await recordOrderEvent(tx, {
    orderId: order.id,
    kind: "PAYMENT_RECEIVED",
    actor: input.by,
    at: now,
    amountKes: claim.amountKes,
    source: input.source,
    reference: claim.reference,
    paymentKey: key,
    attemptId: input.attempt?.id,
    c2bPaymentId: input.c2bPaymentId,
  });
  if (!recorded) {
    // A prompt's money this order already counted from another source (a typed code, a Pay Bill
    // confirmation of the same receipt): the attempt keeps its success and receipt, the money counts once.
    if ((await countedOn(tx, key!))?.orderId === order.id) return duplicate;
    // Counted on another order between our check and this insert: undo this transaction's claim. A replay
    // then finds it counted there before claiming anything.
    throw new Error(`payment ${key} was counted twice`);
  }
  return settle(tx, order, { ...input, ...claim }, now);
}

/**
 * A Pay Bill payment whose money an order already counted (its code was typed before its confirmation came):
 * it is that order's, not waiting to be applied or attached (RECEIVED or UNMATCHED would leave the same money
 * on the seller's unmatched list, to be attached or refunded a second time).
 */
async function settleCountedC2b(
  tx: Tx,
  paymentId: string,
  counted: { orderId: string; reference: string },
  by: string,
) {
  const [payment] = await tx.$queryRaw<C2bPayment[]>`SELECT * FROM "C2bPayment" WHERE id = ${paymentId}`;
  if (!payment || (payment.status !== "RECEIVED" && payment.status !== "UNMATCHED")) return;
  await moveC2bPayment(
    tx,
    payment,
    "APPLIED",
    { orderId: counted.orderId, outcome: `already counted on ${counted.reference}` },
    by,
  );
}

/** The order an M-Pesa receipt (or Pay Bill TransID) is counted on, if any. */
export async function orderCountingReceipt(receipt: string): Promise<string | null> {
  const event = await prisma.orderEvent.findUnique({
    where: { paymentKey: `mpesa:${receipt}` },
    select: { orderId: true },
  });
  return event?.orderId ?? null;
}

/** The order this money (its paymentKey) is counted on, if any. */
async function countedOn(tx: Tx, key: string): Promise<{ orderId: string; reference: string } | null> {
  const [row] = await tx.$queryRaw<{ orderId: string; reference: string }[]>`
    SELECT e."orderId", o.reference FROM "OrderEvent" e JOIN "Order" o ON o.id = e."orderId"
    WHERE e."paymentKey" = ${key}`;
  return row ?? null;
}

type Counted = PayOrderInput & { amountKes: number; reference: string | null };

/** What the money does to the order: the late-payment, second-payment and part-payment rules, once. */
async function settle(tx: Tx, order: Order, paid: Counted, now: Date): Promise<Verdict> {
  const note = `${paid.reference ?? "receipt not received yet"}, KES ${paid.amountKes}`;
  const flagWith = (kind: Flag["kind"], text: string) =>
    raiseFlag(tx, order.id, {
      kind,
      note: text,
      amountKes: paid.amountKes,
      source: paid.source,
      reference: paid.reference,
    });
  if (order.status === "PAID" || order.status === "CANCELLED") {
    const state = order.status === "PAID" ? "already paid" : "cancelled";
    await flagWith("SECOND_PAYMENT", `A second payment (${note}) arrived for an order ${state}: refund one.`);
    return { outcome: "flagged", detail: `second payment for an order ${state}` };
  }
  const money = await orderMoney(tx, order.id);
  if (money.balanceKes > 0) return recordPartPayment(tx, order, money.receivedKes, note, now, flagWith);
  const flags: [Flag["kind"], string][] = [];
  if (money.balanceKes < 0)
    flags.push([
      "OVERPAID",
      `Overpaid: KES ${money.receivedKes} received for KES ${order.totalKes} (${note}): refund KES ${-money.balanceKes}.`,
    ]);
  if (!order.stockReserved) {
    const lateness = `Payment received (${note}) after the order ${order.status.toLowerCase()}`;
    if (!(await takeStock(tx, order.id))) {
      await flagWith("STOCK_GONE", `${lateness}, and its stock is gone: refund or restock.`);
      return { outcome: "flagged", detail: "late payment, stock gone" };
    }
    flags.push(["LATE_PAYMENT", `${lateness}; its stock was taken again.`]);
  }
  if (paid.reference === null && paid.source !== "CASH")
    flags.push([
      "RECEIPT_PENDING",
      "Paid according to M-Pesa's status query; the receipt number has not arrived.",
    ]);
  await moveOrder(
    tx,
    order,
    "PAID",
    { paidAt: now, mpesaReceipt: paid.source === "CASH" ? null : paid.reference, stockReserved: true },
    paid.by,
  );
  for (const [kind, text] of flags) await flagWith(kind, text);
  return flags.length > 0
    ? { outcome: "flagged", detail: flags.map(([, text]) => text).join(" ") }
    : { outcome: "applied", detail: "order paid" };
}

/** Part payments that each extend the stock hold by a reservation; later ones do not. */
const PART_PAYMENT_HOLDS = 2;

/** Not enough yet: never paid, the balance shown to the shopper, the stock held while they pay the rest. */
async function recordPartPayment(
  tx: Tx,
  order: Order,
  received: number,
  note: string,
  now: Date,
  flagWith: (kind: Flag["kind"], text: string) => Promise<boolean>,
): Promise<Verdict> {
  const balance = order.totalKes - received;
  await flagWith(
    "PART_PAYMENT",
    `Part payment (${note}): KES ${received} of KES ${order.totalKes} received, KES ${balance} due.`,
  );
  // The first part payments buy the shopper time to pay the rest; KES 1 every 15 minutes must not hold the
  // stock forever, so later ones keep the hold they find.
  const parts = await tx.c2bPayment.count({ where: { orderId: order.id, status: "APPLIED" } });
  const holdUntil = secondsAfter(now, payments().reservationMinutes * 60);
  if (order.stockReserved && parts <= PART_PAYMENT_HOLDS && holdUntil > order.reservedUntil)
    await tx.order.update({ where: { id: order.id }, data: { reservedUntil: holdUntil } });
  return { outcome: "flagged", detail: `part payment, KES ${balance} due` };
}

/** Cash, a verified code: nothing to claim but the amount, which must be whole shillings. */
function claimOther(input: PayOrderInput): Claim {
  if (input.amountKes === null || !Number.isInteger(input.amountKes) || input.amountKes <= 0)
    return {
      done: { outcome: "rejected", detail: "the amount must be a whole number of shillings above 0" },
    };
  return { amountKes: input.amountKes, reference: input.reference };
}

/** C2B: the payment row moves to APPLIED on this order (once: a replay finds it moved). */
async function claimC2b(tx: Tx, order: Order, input: PayOrderInput, paymentId: string): Promise<Claim> {
  const [payment] = await tx.$queryRaw<C2bPayment[]>`SELECT * FROM "C2bPayment" WHERE id = ${paymentId}`;
  if (!payment || (payment.status !== "RECEIVED" && payment.status !== "UNMATCHED"))
    return { done: { outcome: "duplicate", detail: "payment already settled" } };
  const attached = payment.status === "UNMATCHED";
  const moved = await moveC2bPayment(
    tx,
    payment,
    "APPLIED",
    { orderId: order.id, ...(attached ? { resolvedBy: input.by, resolvedAt: payments().now() } : {}) },
    input.by,
  );
  if (!moved) return { done: { outcome: "duplicate", detail: "payment already settled" } };
  return { amountKes: payment.amountKes, reference: payment.transId };
}

/**
 * STK: the attempt (re-read under the lock) becomes SUCCEEDED when the amount is the one asked. A wrong
 * amount never pays: the attempt stops (so no later query, which cannot see amounts, pays it) and the
 * order is flagged, in this same transaction.
 */
async function claimAttempt(
  tx: Tx,
  order: Order,
  input: PayOrderInput,
  stk: NonNullable<PayOrderInput["attempt"]>,
): Promise<Claim> {
  const { attempt, receiptTaken } = await readAttempt(tx, stk.id, input.reference);
  if (attempt.orderId !== order.id) throw new Error(`attempt ${attempt.id} is not order ${order.id}'s`);
  if (input.amountKes !== null && input.amountKes !== attempt.amountKes)
    return { done: await refuseWrongAmount(tx, order, attempt, input.amountKes, input.reference ?? "none") };
  // Settled with one receipt (a typed code M-Pesa could not time), paid again with another: new money.
  if (attempt.status === "SUCCEEDED" && isAnotherReceipt(attempt, input.reference) && !receiptTaken)
    return { amountKes: attempt.amountKes, reference: input.reference };
  if (attempt.status === "SUCCEEDED")
    return { done: await fillLateReceipt(tx, order, attempt, input, stk, receiptTaken) };
  if (attempt.failureKind === "AMOUNT_MISMATCH" && !stk.confirmedAfterMismatch)
    return { done: { outcome: "ignored", detail: "the payment's amount did not match" } };
  if (receiptTaken)
    return {
      done: { outcome: "ignored", detail: `receipt ${input.reference} already recorded on another attempt` },
    };
  const now = payments().now();
  await moveAttempt(
    tx,
    attempt,
    "SUCCEEDED",
    {
      failureKind: null,
      resultCode: "0",
      resultDesc: input.by === ACTOR.query ? "Confirmed by STK query" : "Paid",
      receipt: input.reference,
      receiptPending: input.reference === null,
      transactionDate: stk.transactionDate,
      completedAt: now,
      shopperMessage: null,
      retryAfter: null,
    },
    input.by,
  );
  return { amountKes: attempt.amountKes, reference: input.reference };
}

const isAnotherReceipt = (attempt: PaymentAttempt, receipt: string | null) =>
  attempt.receipt !== null && receipt !== null && attempt.receipt !== receipt;

async function refuseWrongAmount(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  amount: number,
  receipt: string,
): Promise<Verdict> {
  await raiseFlag(tx, order.id, {
    kind: "AMOUNT_MISMATCH",
    note: `M-Pesa reported KES ${amount} (receipt ${receipt}) but KES ${attempt.amountKes} was asked.`,
    amountKes: amount,
    source: "STK",
    reference: receipt,
  });
  if (isActiveAttempt(attempt.status))
    await failAttemptIn(tx, order, attempt, amountMismatch(amount, attempt.amountKes, receipt));
  return { outcome: "rejected", detail: `amount ${amount} does not match ${attempt.amountKes}` };
}

/** A success for an attempt already settled as paid: either the receipt we were waiting for, or a duplicate. */
async function fillLateReceipt(
  tx: Tx,
  order: Order,
  attempt: PaymentAttempt,
  input: PayOrderInput,
  stk: NonNullable<PayOrderInput["attempt"]>,
  receiptTaken: boolean,
): Promise<Verdict> {
  const receipt = input.reference;
  if (!attempt.receiptPending || !receipt)
    return { outcome: "duplicate", detail: "attempt already succeeded" };
  if (receiptTaken)
    return { outcome: "ignored", detail: `receipt ${receipt} already recorded on another attempt` };
  await tx.paymentAttempt.update({
    where: { id: attempt.id },
    data: { receipt, receiptPending: false, transactionDate: stk.transactionDate },
  });
  if (order.status === "PAID" && order.mpesaReceipt === null) {
    await tx.order.update({ where: { id: order.id }, data: { mpesaReceipt: receipt } });
    await raiseFlag(tx, order.id, {
      kind: "LATE_RECEIPT",
      note: `Receipt ${receipt} arrived ${input.source === "MPESA_CODE" ? "as the code the shopper typed" : "by callback"} after the STK query confirmed the payment.`,
      source: input.source,
      reference: receipt,
    });
  }
  return { outcome: "applied", detail: "late receipt recorded" };
}
