import "server-only";
import { prisma } from "@/lib/db";
import { announceOrderChange } from "@/lib/live/announce";
import { payments, secondsAfter } from "./context";
import { hashToken, newCallbackToken } from "./identifiers";
import { logPaymentEvent } from "./payment-log";
import { sendPrompt } from "./prompt";
import { consumeLimit, ipLimitKey, phoneLimitKey } from "./rate-limits";

/** An attempt whose push outcome is unknown blocks a new prompt for this long (it may still ring). */
export const UNKNOWN_BLOCKS_RETRY_SECONDS = 120;

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
  const ctx = payments();
  const token = newCallbackToken();
  const outcome = await prisma.$transaction(async (tx) => {
    const found = await tx.order.findUnique({ where: { publicId }, select: { id: true } });
    if (!found) return { ok: false as const, message: "Order not found." };
    await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${found.id} FOR UPDATE`;
    await announceOrderChange(tx, found.id);
    const order = await tx.order.findUniqueOrThrow({
      where: { id: found.id },
      include: { attempts: { orderBy: { createdAt: "desc" } } },
    });
    const now = ctx.now();
    const refusal = retryRefusal(order.status, order.attempts, now);
    if (refusal) return { ok: false as const, message: refusal };
    // A prompt asks for the whole total: after a Pay Bill part payment, only the balance is due.
    if ((await tx.c2bPayment.count({ where: { orderId: order.id, status: "APPLIED" } })) > 0)
      return { ok: false as const, message: PART_PAID };
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
    const phonesUsed = new Set(order.attempts.map((a) => a.phone));
    if (!phonesUsed.has(msisdn) && phonesUsed.size > ctx.numberChangesPerOrder) {
      return {
        ok: false as const,
        message:
          "This order's number has been changed too often. Please pay from a number used before, or check out again.",
      };
    }
    if (!(await consumeLimit(tx, phoneLimitKey(msisdn), ctx.promptsPerPhone))) {
      return {
        ok: false as const,
        message: `Too many M-Pesa prompts to this number. Please wait ${ctx.limitWindowMinutes} minutes.`,
      };
    }
    const holdUntil = secondsAfter(now, ctx.reservationMinutes * 60);
    await tx.order.update({
      where: { id: order.id },
      data: {
        status: "PENDING",
        phone: msisdn,
        reservedUntil: holdUntil > order.reservedUntil ? holdUntil : order.reservedUntil,
      },
    });
    const attempt = await tx.paymentAttempt.create({
      data: {
        orderId: order.id,
        phone: msisdn,
        amountKes: order.totalKes,
        callbackToken: hashToken(token),
        createdAt: now,
      },
    });
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

type AttemptSummary = { status: string; createdAt: Date; retryAfter: Date | null; mayRetry: boolean };

/** Why a retry is not allowed now, in the shopper's words; null when it is. */
export function retryRefusal(orderStatus: string, attempts: AttemptSummary[], now: Date): string | null {
  if (orderStatus === "PAID") return "This order is already paid.";
  if (orderStatus !== "PENDING" && orderStatus !== "FAILED")
    return "This order can no longer be paid. Please check out again.";
  if (attempts.some((a) => a.status === "PENDING"))
    return "A payment prompt is already on its way to your phone.";
  const unknown = attempts.find((a) => a.status === "UNKNOWN");
  if (unknown && now < secondsAfter(unknown.createdAt, UNKNOWN_BLOCKS_RETRY_SECONDS)) {
    return "We are still confirming your last prompt. Please wait a moment before trying again.";
  }
  const last = attempts[0];
  if (last && last.status === "FAILED" && !last.mayRetry)
    return "Payments are not possible right now. Please contact the shop.";
  if (last?.retryAfter && now < last.retryAfter)
    return "M-Pesa asks us to wait a little before sending another prompt.";
  return null;
}
