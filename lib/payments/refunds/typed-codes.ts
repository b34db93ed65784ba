import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { type InitiatorResult, type TransactionFacts, transactionFacts } from "@/lib/daraja";
import type { Order, StatusCheck } from "@/lib/generated/prisma/client";
import { announceOrderChange } from "@/lib/live/announce";
import { flagOrder } from "../core/flags";
import { orderMoney } from "../core/money";
import { COUNTED_ELSEWHERE, type PayOrderInput, payOrder } from "../core/pay-order";
import type { Verdict } from "../core/state-machine";
import { payments, secondsAfter } from "../shared/context";
import { consumeLimit } from "../shared/rate-limits";
import {
  paidPromptAwaitingReceipt,
  promptAnsweredBy,
  promptOfAnotherOrderAnsweredBy,
} from "./answered-prompt";
import { startStatusCheck } from "./status-checks";

/**
 * "Already paid? Enter your M-Pesa code": the shopper types the code of a payment made by hand (Pay Bill, till)
 * or of a prompt whose result never came. Transaction Status says what M-Pesa knows of it (the answer comes
 * by callback); a payment into this shop for the amount due, not counted anywhere yet, pays the order through
 * payOrder like every other payment. The shopper's words never name another order.
 */

export const TYPED_CODE_ACTOR = "M-Pesa (code typed by the shopper)";

/** An M-Pesa code as the shopper may type it (spaces, lower case), or null when it cannot be one. */
export function normalizeMpesaCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z0-9]{10}$/.test(code) && /[A-Z]/.test(code) ? code : null;
}

export const TYPED_CODE_WORDS = {
  malformed: "An M-Pesa code has 10 letters and numbers, like UKL2QR5JMI. Copy it from your M-Pesa message.",
  wrong: (code: string) =>
    `M-Pesa has no payment to this shop with code ${code}. Check the code in your M-Pesa message.`,
  usedElsewhere: (code: string) =>
    `Code ${code} has already been used for another order, so it cannot pay this one. If you think this is a mistake, contact the shop.`,
  answeredAnother: (code: string) =>
    `The payment with code ${code} answered the M-Pesa prompt of another order from your number, and is counted there, so it cannot pay this one too. If you meant it for this order, contact the shop.`,
  alreadyHere: (code: string) => `Code ${code} is already counted for this order.`,
  amount: (code: string, dueKes: number) =>
    `The payment with code ${code} is not the amount this order needs (KES ${dueKes.toLocaleString("en-KE")}), so it cannot pay it. The shop has been told; contact them to sort it out.`,
  reversed: (code: string) => `The payment with code ${code} was reversed, so it cannot pay this order.`,
  paid: (code: string) => `Paid: M-Pesa confirmed code ${code}.`,
  checking: (code: string) =>
    `M-Pesa is checking code ${code}. This page shows the payment as soon as it is confirmed.`,
  unavailable: "We could not reach M-Pesa to check the code. Try again in a minute.",
  tooMany: "Too many codes tried. Wait a few minutes, then try again.",
  closed: "This order can no longer be paid.",
} as const;

export type TypedCodeAnswer =
  { ok: true; state: "paid" | "checking"; message: string } | { ok: false; message: string };

/** The shopper's submit: checks what can be checked here, then asks M-Pesa and waits a little for the answer. */
export async function submitTypedCode(input: {
  publicId: string;
  typed: string;
  clientIp: string | null;
}): Promise<TypedCodeAnswer> {
  const code = normalizeMpesaCode(input.typed);
  if (!code) return { ok: false, message: TYPED_CODE_WORDS.malformed };
  if (payments().refundsOffReason) return { ok: false, message: TYPED_CODE_WORDS.unavailable };
  const order = await prisma.order.findUnique({ where: { publicId: input.publicId } });
  if (!order) return { ok: false, message: TYPED_CODE_WORDS.closed };
  if (order.status === "PAID") return { ok: true, state: "paid", message: "This order is already paid." };
  if (order.status === "CANCELLED") return { ok: false, message: TYPED_CODE_WORDS.closed };
  if (!(await withinLimits(order.id, input.clientIp)))
    return { ok: false, message: TYPED_CODE_WORDS.tooMany };
  const known = await knownUse(code, order.id);
  if (known === "here") return { ok: true, state: "paid", message: TYPED_CODE_WORDS.alreadyHere(code) };
  if (known === "elsewhere") return { ok: false, message: TYPED_CODE_WORDS.usedElsewhere(code) };
  const started = await startStatusCheck({
    purpose: "TYPED_CODE",
    orderId: order.id,
    transactionId: code,
    clientIp: input.clientIp,
  });
  if (!started.ok) return { ok: false, message: TYPED_CODE_WORDS.unavailable };
  return awaitAnswer(started.checkId, code);
}

async function withinLimits(orderId: string, clientIp: string | null): Promise<boolean> {
  const { typedCodesPerOrder, typedCodesPerIp } = payments();
  // Both are counted: trying codes on many orders from one address is held back as much as on one order.
  const perOrder = await consumeLimit(prisma, `typed-code:order:${orderId}`, typedCodesPerOrder);
  const perIp = clientIp ? await consumeLimit(prisma, `typed-code:ip:${clientIp}`, typedCodesPerIp) : true;
  return perOrder && perIp;
}

/** Whether this money is already counted, on this order or another (any source: prompt, Pay Bill, code). */
async function knownUse(code: string, orderId: string): Promise<"here" | "elsewhere" | null> {
  const [counted, c2b] = await Promise.all([
    prisma.orderEvent.findFirst({ where: { paymentKey: `mpesa:${code}` }, select: { orderId: true } }),
    prisma.c2bPayment.findFirst({ where: { transId: code }, select: { orderId: true, status: true } }),
  ]);
  if (counted) return counted.orderId === orderId ? "here" : "elsewhere";
  // Sent back or marked refunded: that money is no longer the shop's to count.
  if (c2b && c2b.status !== "RECEIVED" && c2b.status !== "UNMATCHED")
    return c2b.orderId === orderId ? "here" : "elsewhere";
  return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** M-Pesa usually answers within a second or two: the form waits that long, then says it is still checking. */
async function awaitAnswer(checkId: string, code: string): Promise<TypedCodeAnswer> {
  const until = Date.now() + payments().typedCodeWaitSeconds * 1000;
  for (;;) {
    const check = await prisma.statusCheck.findUniqueOrThrow({
      where: { id: checkId },
      select: { answered: true, shopperMessage: true, outcome: true },
    });
    if (check.answered && check.shopperMessage)
      return check.outcome === "paid"
        ? { ok: true, state: "paid", message: check.shopperMessage }
        : { ok: false, message: check.shopperMessage };
    if (Date.now() >= until) return { ok: true, state: "checking", message: TYPED_CODE_WORDS.checking(code) };
    await sleep(250);
  }
}

/**
 * Typed codes whose Transaction Status result never came (M-Pesa dropped it): asked again by the scheduled
 * work, a few times, while the order still waits and the code is counted nowhere. The new answer pays the
 * order as any other would; the open order page turns Paid by itself.
 */
export async function recheckTypedCodes(limit = 100): Promise<number> {
  const ctx = payments();
  const stale = await prisma.statusCheck.findMany({
    where: {
      purpose: "TYPED_CODE",
      answered: false,
      createdAt: { lt: secondsAfter(ctx.now(), -ctx.refundResultWaitSeconds) },
    },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let asked = 0;
  for (const check of stale) if (await askAgain(check)) asked++;
  return asked;
}

async function askAgain(check: StatusCheck): Promise<boolean> {
  const { orderId, transactionId: code } = check;
  const order = orderId
    ? await prisma.order.findUnique({ where: { id: orderId }, select: { status: true } })
    : null;
  const tries =
    orderId && code
      ? await prisma.statusCheck.count({ where: { purpose: "TYPED_CODE", orderId, transactionId: code } })
      : 0;
  const worthAsking =
    order &&
    code &&
    order.status !== "PAID" &&
    order.status !== "CANCELLED" &&
    tries < payments().refundMaxQueries &&
    !(await knownUse(code, orderId!));
  // Claimed like a result, so a late answer to this check is a duplicate and the new check decides.
  const claimed = await prisma.statusCheck.updateMany({
    where: { id: check.id, answered: false },
    data: {
      answered: true,
      outcome: worthAsking ? "no result: asked again" : `no result after ${tries} asks`,
    },
  });
  if (claimed.count === 0 || !worthAsking) return false;
  const again = await startStatusCheck({
    purpose: "TYPED_CODE",
    orderId: orderId!,
    transactionId: code!,
    clientIp: check.clientIp,
  });
  return again.ok;
}

/** What we tell the shopper (and whether it paid), recorded on the check for the waiting form. */
type Answer = { paid: boolean; words: string; verdict: string };

/** Transaction Status described the typed code: pay the order with it, or say in words why not. */
export async function applyTypedCodeResult(
  check: StatusCheck,
  result: InitiatorResult | string,
): Promise<string> {
  const code = check.transactionId ?? "";
  const order = check.orderId ? await prisma.order.findUnique({ where: { id: check.orderId } }) : null;
  const answer: Answer = !order
    ? { paid: false, words: TYPED_CODE_WORDS.closed, verdict: "no order" }
    : typeof result === "string" // a queue timeout or a body we cannot read: M-Pesa did not say
      ? { paid: false, words: TYPED_CODE_WORDS.unavailable, verdict: result }
      : await answerFor(order, code, result);
  await prisma.statusCheck.update({
    where: { id: check.id },
    data: {
      outcome: answer.paid ? "paid" : `refused: ${answer.verdict}`.slice(0, 300),
      shopperMessage: answer.words,
    },
  });
  // A refusal changes nothing on the order: its open page is told anyway, so it can show the words.
  if (order && !answer.paid) await announceOrderChange(prisma, order.id);
  return `typed code ${code}: ${answer.verdict}`;
}

// The initiator's own faults (wrong credential, operator locked): not the shopper's code's fault.
const OUR_FAULT = new Set(["2001", "8006"]);

/** Our shortcode (Pay Bill) or till, as CreditPartyName starts: "600977 - Duka". */
function creditedThisShop(creditPartyName: string): boolean {
  const party = creditPartyName.split(" - ")[0]?.trim() ?? "";
  return party !== "" && (party === env.mpesa.shortcode || party === env.mpesa.tillNumber);
}

async function answerFor(order: Order, code: string, result: InitiatorResult): Promise<Answer> {
  if (OUR_FAULT.has(result.resultCode))
    return { paid: false, words: TYPED_CODE_WORDS.unavailable, verdict: `initiator ${result.resultCode}` };
  if (result.resultCode !== "0")
    return { paid: false, words: TYPED_CODE_WORDS.wrong(code), verdict: `code ${result.resultCode}` };
  const facts = transactionFacts(result);
  const status = facts.status.toLowerCase();
  // Another shop's payment, our own payout, a different receipt: all "no payment to this shop".
  if (facts.receipt !== code || !creditedThisShop(facts.creditPartyName))
    return { paid: false, words: TYPED_CODE_WORDS.wrong(code), verdict: "not a payment to this shop" };
  if (status === "reversed")
    return { paid: false, words: TYPED_CODE_WORDS.reversed(code), verdict: "reversed" };
  if (status !== "completed")
    return { paid: false, words: TYPED_CODE_WORDS.wrong(code), verdict: `status ${facts.status}` };
  const money = await orderMoney(prisma, order.id);
  // Read after the money: a callback that counted this payment meanwhile (the prompt's own success, late)
  // makes it already counted here, not a wrong amount.
  const known = await knownUse(code, order.id);
  if (known) return knownWords(known, code, "already counted");
  const receiptOfCounted = await asReceiptOfCountedPrompt(order, code, facts);
  if (receiptOfCounted) return receiptOfCounted;
  const ofAnotherOrder = await asPaymentOfAnotherOrdersPrompt(order, code, facts);
  if (ofAnotherOrder) return ofAnotherOrder;
  if (facts.amountKes !== money.balanceKes) {
    await flagOrder(order.id, {
      kind: "AMOUNT_MISMATCH",
      note: `The shopper typed M-Pesa code ${code}: KES ${facts.amountKes} paid to this shop, but KES ${money.balanceKes} is due. Not counted: sort it out with the shopper.`,
      amountKes: facts.amountKes,
      source: "MPESA_CODE",
      reference: code,
    });
    return {
      paid: false,
      words: TYPED_CODE_WORDS.amount(code, money.balanceKes),
      verdict: `amount ${facts.amountKes} for ${money.balanceKes} due`,
    };
  }
  const verdict = await payOrder(await payInputFor(order, code, facts));
  return wordsFor(verdict, code, order.id);
}

/**
 * A status query counted this payment on the prompt it answered (keyed to the prompt, its receipt still to
 * come): the code is that receipt, filled in on the late-receipt path, and the money is already counted.
 */
async function asReceiptOfCountedPrompt(
  order: Order,
  code: string,
  facts: TransactionFacts,
): Promise<Answer | null> {
  const attemptId = await paidPromptAwaitingReceipt(order.id, facts);
  if (!attemptId) return null;
  const verdict = await payOrder(
    codePayment(order, code, facts, { attempt: attemptFacts(attemptId, facts) }),
  );
  return verdict.outcome === "applied"
    ? knownWords("here", code, `already counted: ${verdict.detail}`)
    : wordsFor(verdict, code, order.id);
}

/**
 * The payment answered a prompt of another order, not this one's (typed here on a second order, say, made
 * while the first one's result was lost). It is that prompt's money, which a status query would count there
 * as well: it pays that order (or becomes the receipt of the prompt a query confirmed), not this one.
 */
async function asPaymentOfAnotherOrdersPrompt(
  order: Order,
  code: string,
  facts: TransactionFacts,
): Promise<Answer | null> {
  if (await promptAnsweredBy(order.id, facts)) return null;
  const answered = await promptOfAnotherOrderAnsweredBy(order.id, facts);
  if (!answered) return null;
  const other = await prisma.order.findUniqueOrThrow({ where: { id: answered.orderId } });
  const verdict = await payOrder(
    codePayment(other, code, facts, { attempt: attemptFacts(answered.attemptId, facts) }),
  );
  return {
    paid: false,
    words: TYPED_CODE_WORDS.answeredAnother(code),
    verdict: `the prompt of ${other.reference} it answered: ${verdict.outcome}: ${verdict.detail}`,
  };
}

const attemptFacts = (id: string, facts: TransactionFacts) => ({ id, transactionDate: facts.finalisedAt });

const codePayment = (
  order: Order,
  code: string,
  facts: TransactionFacts,
  record: Pick<PayOrderInput, "attempt" | "c2bPaymentId">,
): PayOrderInput => ({
  orderId: order.id,
  source: "MPESA_CODE" as const,
  amountKes: facts.amountKes,
  reference: code,
  by: TYPED_CODE_ACTOR,
  ...record,
});

/**
 * The code's record, when we have one: a Pay Bill payment we hold (unmatched, or not applied yet) is claimed,
 * or the prompt of this order the payment answered (waiting for its result, or marked failed while the money
 * went through) is settled by it, so neither counts the money again.
 */
async function payInputFor(order: Order, code: string, facts: TransactionFacts) {
  const [c2b, attemptId] = await Promise.all([
    prisma.c2bPayment.findFirst({
      where: { transId: code, status: { in: ["RECEIVED", "UNMATCHED"] } },
      select: { id: true },
    }),
    promptAnsweredBy(order.id, facts),
  ]);
  return codePayment(
    order,
    code,
    facts,
    c2b ? { c2bPaymentId: c2b.id } : attemptId ? { attempt: attemptFacts(attemptId, facts) } : {},
  );
}

/** Money already counted: on this order it is paid (say so again), on another it cannot pay this one. */
function knownWords(known: "here" | "elsewhere", code: string, verdict: string): Answer {
  return known === "here"
    ? { paid: true, words: TYPED_CODE_WORDS.alreadyHere(code), verdict }
    : { paid: false, words: TYPED_CODE_WORDS.usedElsewhere(code), verdict };
}

async function wordsFor(verdict: Verdict, code: string, orderId: string): Promise<Answer> {
  const label = `${verdict.outcome}: ${verdict.detail}`;
  if (verdict.outcome === "applied")
    return { paid: true, words: TYPED_CODE_WORDS.paid(code), verdict: label };
  if (verdict.outcome === "flagged") {
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    // Paid late (its stock taken again) is paid; a second payment or stock gone is the seller's to sort out.
    if (order.status === "PAID" && !verdict.detail.startsWith("second payment"))
      return { paid: true, words: TYPED_CODE_WORDS.paid(code), verdict: label };
    return {
      paid: false,
      words: `M-Pesa confirmed code ${code}. The shop has been told and will contact you about this order.`,
      verdict: label,
    };
  }
  // Counted on another order meanwhile (payOrder re-checks under the lock): used, not unknown.
  if (verdict.outcome === "duplicate" || verdict.detail.includes(COUNTED_ELSEWHERE))
    return knownWords((await knownUse(code, orderId)) ?? "elsewhere", code, label);
  return { paid: false, words: TYPED_CODE_WORDS.wrong(code), verdict: label };
}
