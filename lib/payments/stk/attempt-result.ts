import "server-only";
import type { Tx } from "@/lib/db";
import type { PaymentAttempt } from "@/lib/generated/prisma/client";
import { ACTOR } from "../core/events";
import type { AttemptResult } from "../core/outcomes";
import { payOrder } from "../core/pay-order";
import { type Verdict, applyAttemptFailure } from "../core/state-machine";

/**
 * An STK prompt's result (from its callback, a status query or the push answer) handed to the core: a
 * success is money, so it takes the one road (payOrder); a failure goes to the state machine.
 */
export async function applyAttemptResult(
  attempt: Pick<PaymentAttempt, "id" | "orderId" | "atTheDoor">,
  result: AttemptResult,
  inSameTransaction?: (tx: Tx, verdict: Verdict) => Promise<void>,
): Promise<Verdict> {
  if (result.kind === "failure") return applyAttemptFailure(attempt, result, inSameTransaction);
  return payOrder(
    {
      orderId: attempt.orderId,
      source: attempt.atTheDoor ? "DOOR_PROMPT" : "STK",
      amountKes: result.amountKes,
      reference: result.receipt,
      by: result.source === "query" ? ACTOR.query : ACTOR.callback,
      attempt: {
        id: attempt.id,
        transactionDate: result.transactionDate,
        confirmedAfterMismatch: result.confirmedAfterMismatch,
      },
    },
    inSameTransaction,
  );
}
