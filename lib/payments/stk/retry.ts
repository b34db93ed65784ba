import "server-only";
import { prisma } from "@/lib/db";
import { payments } from "../shared/context";
import { hashToken, newCallbackToken } from "../shared/identifiers";
import { numbersRefusal } from "./hoarding";
import { logPaymentEvent } from "../shared/payment-log";
import { sendPrompt } from "./prompt";
import { consumeLimit, ipLimitKey, promptLimitRefusal } from "../shared/rate-limits";
import { retryRule } from "./retry-rule";
import { lockOrderForUpdate } from "../core/lock";
import { orderMoney } from "../core/money";
import { recordAttemptOpened, reopenForRetry } from "../core/state-machine";

const PART_PAID = "Part of this order is paid by Pay Bill: pay the balance the same way.";

export type RetryResult = { ok: true } | { ok: false; message: string };

/**
 * A new STK push for an unpaid order: one active attempt at a time, after any wait Daraja requires.
 * Prompting a different number counts like a checkout from the caller's IP, so an order link cannot be
 * used to send prompts to any number.
 */
export async function retryPayment(
  publicId: string,
  phone?: string,
  clientIp: string | null = null,
): Promise<RetryResult> {
  return promptAgain({ publicId }, { phone, clientIp });
}

/**
 * Who asked for the prompt: the shopper on the order page (counted per network when the number changes),
 * or the seller at the door (signed in: the order keeps its customer's number whoever pays).
 */
export type PromptAsker = { phone?: string; clientIp?: string | null; atTheDoor?: boolean; by?: string };

/** A new attempt on the order through the same push, callback, query and Pay Bill machinery. */
export async function promptAgain(
  where: { publicId: string } | { reference: string },
  { phone, clientIp = null, atTheDoor = false, by }: PromptAsker,
): Promise<RetryResult> {
  const ctx = payments();
  const token = newCallbackToken();
  const outcome = await prisma.$transaction(async (tx) => {
    const found = await tx.order.findUnique({ where, select: { id: true } });
    if (!found) return { ok: false as const, message: "Order not found." };
    const order = await lockOrderForUpdate(tx, found.id, { announce: true });
    const attempts = await tx.paymentAttempt.findMany({
      where: { orderId: order.id },
      orderBy: { createdAt: "desc" },
    });
    const now = ctx.now();
    const rule = retryRule(order.status, attempts, now);
    if (!rule.allowed) return { ok: false as const, message: rule.message };
    // A prompt asks for the whole total: after a Pay Bill part payment, only the balance is due.
    if ((await orderMoney(tx, order.id)).receivedKes > 0) return { ok: false as const, message: PART_PAID };
    const msisdn = phone ?? order.phone;
    if (
      msisdn !== order.phone &&
      clientIp &&
      !(await consumeLimit(tx, ipLimitKey(clientIp), ctx.checkoutsPerIp))
    ) {
      return {
        ok: false as const,
        message: "Too many payment requests from your network. Please wait a few minutes.",
      };
    }
    const strangers = msisdn !== order.phone && clientIp ? await numbersRefusal(tx, clientIp, msisdn) : null;
    if (strangers) return { ok: false as const, message: strangers };
    const phonesUsed = new Set(attempts.map((a) => a.phone));
    if (!phonesUsed.has(msisdn) && phonesUsed.size > ctx.numberChangesPerOrder) {
      return {
        ok: false as const,
        message:
          "This order's number has been changed too often. Please pay from a number used before, or check out again.",
      };
    }
    const promptLimit = await promptLimitRefusal(tx, msisdn, ctx.promptsPerPhone, now);
    if (promptLimit) return { ok: false as const, message: promptLimit };
    await reopenForRetry(tx, order, atTheDoor ? order.phone : msisdn, now);
    const attempt = await tx.paymentAttempt.create({
      data: {
        orderId: order.id,
        phone: msisdn,
        amountKes: order.totalKes,
        atTheDoor,
        callbackToken: hashToken(token),
        createdAt: now,
      },
    });
    await recordAttemptOpened(tx, attempt, now, atTheDoor ? (by ?? "seller") : "shopper");
    return { ok: true as const, attempt, reference: order.reference };
  });
  if (!outcome.ok) return outcome;
  logPaymentEvent({
    event: "attempt.retry",
    order: outcome.reference,
    attempt: outcome.attempt.id,
    transition: "->PENDING",
    phone: outcome.attempt.phone,
  });
  await sendPrompt(outcome.attempt, token, outcome.reference);
  return { ok: true };
}
