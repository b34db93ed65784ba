import { type ResultReason, describeResultCode } from "@/lib/daraja";
import { type FailureKind, SELLER_REASONS } from "../core/failure-kinds";

// The shopper's words (lib/daraja/result-codes.ts) speak to the payer ("You cancelled…"); at the door the
// seller reads the answer with the customer beside them, so the customer is "they".
const AT_THE_DOOR: Partial<Record<ResultReason, string>> = {
  cancelled: "The customer cancelled the M-Pesa prompt. Send it again when they're ready.",
  wrong_pin: "The customer entered a wrong M-Pesa PIN. Send the prompt again.",
  insufficient_funds:
    "The customer's M-Pesa balance is too low. They can top up, or pay from another number or in cash.",
  limits: "This payment is outside the customer's M-Pesa limits. Try another number, or take cash.",
  duplicate_wait:
    "M-Pesa blocked it: the same amount was just sent from this number. Wait two minutes, then send again.",
  session_open:
    "The customer's phone already has an M-Pesa prompt open. They finish or cancel it, then send again in a minute.",
  expired: "The prompt expired before the customer answered it. Send it again.",
  prompt_failed: "M-Pesa couldn't show the prompt on the customer's phone. Send it again.",
  unreachable:
    "M-Pesa couldn't reach the customer's phone (off, no signal, or an old SIM). Send again, or use Pay Bill or cash.",
  pin_locked:
    "The customer's M-Pesa PIN is locked (Safaricom unlocks it on 100). Pay from another number, or take cash.",
};

/**
 * The order's latest prompt, when it failed, in the seller's words, from the same failure kinds as the shopper's message: the result
 * code when M-Pesa gave one about the customer, otherwise the seller's reason for the kind.
 */
export function doorFailureMessage(
  attempt: { status: string; failureKind: FailureKind | null; resultCode: string | null } | undefined,
): string | null {
  if (attempt?.status !== "FAILED") return null;
  const { failureKind, resultCode } = attempt;
  const said = resultCode ? AT_THE_DOOR[describeResultCode(resultCode).reason] : undefined;
  return said ?? `${SELLER_REASONS[failureKind ?? "UNKNOWN"]}.`;
}
