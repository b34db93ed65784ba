// Timer durations in milliseconds as options and faults accept them (at most 2^31-1).
import { z } from "zod";

/** Node's timers hold 2^31-1 ms at most; a longer delay fires at once, so it is refused instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const timerMs = z.number().int().nonnegative().max(MAX_TIMER_MS);

const TIMER_OPTIONS = ["promptTimeoutMs", "autoPayMs", "callbackTimeoutMs"] as const;

/** The first timer option out of range, for options given at start (the control API's schema refuses them). */
export function timerOptionProblem(options: Partial<Record<(typeof TIMER_OPTIONS)[number], number | null>>) {
  const bad = TIMER_OPTIONS.find((name) => {
    const value = options[name];
    return typeof value === "number" && !timerMs.safeParse(value).success;
  });
  return bad ? `${bad} must be a whole number of ms from 0 to ${MAX_TIMER_MS}` : null;
}
