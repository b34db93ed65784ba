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
export async function promptAnsweredBy(orderId: string, facts: TransactionFacts): Promise<string | null> {
  if (facts.amountKes === null) return null;
  const attempts = await prisma.paymentAttempt.findMany({
    where: { orderId, amountKes: facts.amountKes, receipt: null },
    orderBy: { createdAt: "desc" },
  });
  return attempts.find((a) => mayHaveBeenPaid(a) && answeredBy(a, facts))?.id ?? null;
}

const mayHaveBeenPaid = (a: PaymentAttempt) =>
  isActiveAttempt(a.status) ||
  (a.status === "FAILED" && a.checkoutRequestId !== null && a.failureKind !== "AMOUNT_MISMATCH");

function answeredBy(a: PaymentAttempt, facts: TransactionFacts): boolean {
  // A masked number, or a time we could not read, decides nothing.
  if (facts.payerPhone && facts.payerPhone !== a.phone) return false;
  const at = facts.finalisedAt;
  if (!at) return true;
  return (
    at >= secondsAfter(a.createdAt, -CLOCK_SKEW_SECONDS) &&
    at <= secondsAfter(a.pushSentAt ?? a.createdAt, PROMPT_PAYABLE_SECONDS + CLOCK_SKEW_SECONDS)
  );
}
