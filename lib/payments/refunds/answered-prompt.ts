import "server-only";
import { prisma } from "@/lib/db";
import type { TransactionFacts } from "@/lib/daraja";
import type { PaymentAttempt } from "@/lib/generated/prisma/client";
import { isActiveAttempt } from "../core/status-groups";
import { secondsAfter } from "../shared/context";

/** A prompt rings about a minute; some end in 1019 only after up to three (docs/daraja.md section 6). */
const PROMPT_PAYABLE_SECONDS = 180;
/** M-Pesa's times come in whole seconds, from another clock than ours. */
const CLOCK_SKEW_SECONDS = 5;

/**
 * The prompt of this order that a payment M-Pesa confirmed was the answer to, if any: the amount it asked,
 * paid from the phone it rang, while it could ring, and no receipt on it yet. That includes a prompt we had
 * marked FAILED (its callback said 1037 while the money went through): the payment then settles that
 * prompt, so its late success callback finds it paid instead of counting the money again. A retry opened
 * after the payment cannot be the one it answered, nor can a prompt Daraja never took.
 */
export function promptAnsweredBy(orderId: string, facts: TransactionFacts): Promise<string | null> {
  return answeredPrompt(orderId, facts, mayHaveBeenPaid);
}

/**
 * The prompt of this order an STK status query already confirmed as paid, still waiting for its receipt,
 * that this payment answered (the same rules): the payment is that prompt's money, already counted.
 */
export function paidPromptAwaitingReceipt(orderId: string, facts: TransactionFacts): Promise<string | null> {
  return answeredPrompt(orderId, facts, (a) => a.status === "SUCCEEDED" && a.receiptPending);
}

/**
 * A prompt of another order that this payment answered: the amount it asked, rung on the payer's phone, while
 * it could ring (a readable time), waiting for its result, marked failed, or confirmed by a status query
 * without its receipt. The money is that prompt's: a status query would count it there too. When M-Pesa
 * masks the payer's number, only prompts to a number this order was prompted on count (the shopper typing
 * here is that number's); without a readable time any prompt of that amount would look answered, so none is.
 */
export async function promptOfAnotherOrderAnsweredBy(
  orderId: string,
  facts: TransactionFacts,
): Promise<{ attemptId: string; orderId: string } | null> {
  if (facts.amountKes === null || !facts.finalisedAt) return null;
  const phones = facts.payerPhone ? [facts.payerPhone] : await phonesPromptedFor(orderId);
  const attempts = await prisma.paymentAttempt.findMany({
    where: {
      orderId: { not: orderId },
      phone: { in: phones },
      amountKes: facts.amountKes,
      receipt: null,
      createdAt: { lte: secondsAfter(facts.finalisedAt, CLOCK_SKEW_SECONDS) },
    },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  const answered = attempts.find(
    (a) => (mayHaveBeenPaid(a) || (a.status === "SUCCEEDED" && a.receiptPending)) && answeredBy(a, facts),
  );
  return answered ? { attemptId: answered.id, orderId: answered.orderId } : null;
}

async function phonesPromptedFor(orderId: string): Promise<string[]> {
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { phone: true, attempts: { select: { phone: true } } },
  });
  return [...new Set([order.phone, ...order.attempts.map((a) => a.phone)])];
}

async function answeredPrompt(
  orderId: string,
  facts: TransactionFacts,
  eligible: (a: PaymentAttempt) => boolean,
): Promise<string | null> {
  if (facts.amountKes === null) return null;
  const attempts = await prisma.paymentAttempt.findMany({
    where: { orderId, amountKes: facts.amountKes, receipt: null },
    orderBy: { createdAt: "desc" },
  });
  const answered = attempts.filter((a) => eligible(a) && answeredBy(a, facts));
  // Without a time a retry opened after the payment looks like the prompt it answered: only a sole
  // candidate is surely the one; otherwise the money counts without settling a prompt.
  if (!facts.finalisedAt) return answered.length === 1 ? answered[0]!.id : null;
  return answered[0]?.id ?? null;
}

const mayHaveBeenPaid = (a: PaymentAttempt) =>
  isActiveAttempt(a.status) ||
  (a.status === "FAILED" && a.checkoutRequestId !== null && a.failureKind !== "AMOUNT_MISMATCH");

function answeredBy(a: PaymentAttempt, facts: TransactionFacts): boolean {
  // A masked number, or a time we could not read, rules nothing out (answeredPrompt then wants one alone).
  if (facts.payerPhone && facts.payerPhone !== a.phone) return false;
  const at = facts.finalisedAt;
  if (!at) return true;
  return (
    at >= secondsAfter(a.createdAt, -CLOCK_SKEW_SECONDS) &&
    at <= secondsAfter(a.pushSentAt ?? a.createdAt, PROMPT_PAYABLE_SECONDS + CLOCK_SKEW_SECONDS)
  );
}
