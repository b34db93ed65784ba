import "server-only";
import { prisma } from "@/lib/db";
import { payments, secondsAfter } from "../shared/context";
import { hashToken, newCallbackToken, newOrderReference, newPublicId } from "../shared/identifiers";
import { logPaymentEvent } from "../shared/payment-log";
import { recordAttemptOpened } from "../core/state-machine";
import { sendPrompt } from "./prompt";
import { consumeLimit, phoneLimitKey } from "../shared/rate-limits";

const TEST_PAYMENT_KES = 1;

export type TestPaymentResult =
  { ok: true; publicId: string; reference: string } | { ok: false; reason: "rate_limited"; message: string };

/**
 * The owner's "prove the loop" payment: a real STK push of KES 1 to their own phone, through the same
 * attempt, callback and query path as a sale. The order has no items (its "reservation" holds nothing) and is marked
 * as a test so no revenue figure counts it. The per-phone prompt limit applies as to any shopper.
 */
export async function startTestPayment(input: {
  phone: string;
  ownerName: string;
}): Promise<TestPaymentResult> {
  const ctx = payments();
  const token = newCallbackToken();
  const now = ctx.now();
  const order = await prisma.$transaction(async (tx) => {
    if (!(await consumeLimit(tx, phoneLimitKey(input.phone), ctx.promptsPerPhone))) return null;
    const created = await tx.order.create({
      data: {
        publicId: newPublicId(),
        reference: newOrderReference(),
        customerName: `${input.ownerName} (test)`,
        phone: input.phone,
        totalKes: TEST_PAYMENT_KES,
        isTest: true,
        reservedUntil: secondsAfter(now, ctx.reservationMinutes * 60),
        createdAt: now,
        attempts: {
          create: {
            phone: input.phone,
            amountKes: TEST_PAYMENT_KES,
            callbackToken: hashToken(token),
            createdAt: now,
          },
        },
      },
      include: { attempts: true },
    });
    await recordAttemptOpened(tx, created.attempts[0]!, now, input.ownerName);
    return created;
  });
  if (!order) {
    return {
      ok: false,
      reason: "rate_limited",
      message: `Too many M-Pesa prompts to this number. Wait ${ctx.limitWindowMinutes} minutes and try again.`,
    };
  }
  logPaymentEvent({
    event: "order.created",
    order: order.reference,
    attempt: order.attempts[0]!.id,
    transition: "->PENDING",
    phone: input.phone,
    test: true,
  });
  await sendPrompt(order.attempts[0]!, token, order.reference);
  return { ok: true, publicId: order.publicId, reference: order.reference };
}
