import { secondsAfter } from "../shared/time";

/** An attempt whose push outcome is unknown blocks a new prompt for this long (it may still ring). */
export const UNKNOWN_BLOCKS_RETRY_SECONDS = 120;

type AttemptSummary = {
  status: string;
  createdAt: Date;
  /** When the push was answered or gave up; a prompt can ring from then, not from when the row was made. */
  pushSentAt: Date | null;
  retryAfter: Date | null;
  mayRetry: boolean;
};

/** Whether "Try again" may send a prompt now; when not, why (shopper's words) and from when waiting helps. */
export type RetryRule =
  { allowed: true; waitUntil: null } | { allowed: false; message: string; waitUntil: Date | null };

const refuse = (message: string, waitUntil: Date | null = null): RetryRule => ({
  allowed: false,
  message,
  waitUntil,
});

/** The one retry rule: the retry action enforces it and the order page shows it. Attempts newest first. */
export function retryRule(orderStatus: string, attempts: AttemptSummary[], now: Date): RetryRule {
  if (orderStatus === "PAID") return refuse("This order is already paid.");
  if (orderStatus !== "PENDING" && orderStatus !== "FAILED")
    return refuse("This order can no longer be paid. Please check out again.");
  if (attempts.some((a) => a.status === "PENDING"))
    return refuse("A payment prompt is already on its way to your phone.");
  const last = attempts[0];
  if (last && last.status === "FAILED" && !last.mayRetry)
    return refuse("Payments are not possible right now. Please contact the shop.");
  const unknown = attempts.find((a) => a.status === "UNKNOWN");
  const unknownUntil = unknown
    ? secondsAfter(unknown.pushSentAt ?? unknown.createdAt, UNKNOWN_BLOCKS_RETRY_SECONDS)
    : null;
  if (unknownUntil && now < unknownUntil) {
    return refuse(
      "We are still confirming your last prompt. Please wait a moment before trying again.",
      unknownUntil,
    );
  }
  if (last?.retryAfter && now < last.retryAfter)
    return refuse("M-Pesa asks us to wait a little before sending another prompt.", last.retryAfter);
  return { allowed: true, waitUntil: null };
}
