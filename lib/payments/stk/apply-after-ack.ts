import "server-only";
import { afterResponse } from "@/lib/http/after-response";
import { drainQuietly } from "@/lib/notifications/drain";
import { logPaymentEvent } from "../shared/payment-log";
import { replayUnappliedCallbacks } from "./callbacks";

/**
 * At most this many recorded callbacks are applied at once per instance. Applying one is a transaction of a
 * dozen statements holding a pool connection (lib/db.ts: 10); in a burst the rest wait here, in arrival
 * order, so the acknowledgements (one statement each) keep their connections and Daraja is never kept
 * waiting. Four: two left the applying latency-bound, eight starved the acknowledgements (bench/RESULTS.md).
 * On a serverless platform each instance has its own queue: the limit is per instance, not global.
 */
const APPLYING_AT_ONCE = 4;
/**
 * A guard on memory, far above any real burst (a callback's body is about 1 KB): past this many waiting, a
 * callback is left stored for the replays below.
 */
const MOST_WAITING = 20_000;

let applying = 0;
const queue: (() => void)[] = [];
const inFlight = new Set<Promise<void>>();

/**
 * Applies a callback that is already stored, after Daraja has its acknowledgement; then sends the messages
 * it queued. Nothing is lost if this instance dies (or is frozen) first: the stored callback stays RECEIVED
 * and is replayed from its body (replayUnappliedCallbacks) by the order page, the reconcile job, and any
 * instance that finds itself idle after applying one.
 */
export function applyAfterAck(apply: () => Promise<unknown>): void {
  if (queue.length >= MOST_WAITING) return;
  afterResponse(() => {
    const done = inTurn(apply)
      .then(drainQuietly)
      .catch((e: unknown) =>
        logPaymentEvent({
          event: "callback.apply_failed",
          error: e instanceof Error ? e.message.slice(0, 200) : String(e),
        }),
      );
    inFlight.add(done);
    return done.finally(() => inFlight.delete(done));
  });
}

async function inTurn(apply: () => Promise<unknown>): Promise<void> {
  if (applying >= APPLYING_AT_ONCE) await new Promise<void>((go) => queue.push(go));
  applying++;
  try {
    await apply();
    // Nothing else waiting here: pick up what another instance acknowledged but never applied.
    if (queue.length === 0) await replayUnappliedCallbacks(5);
  } finally {
    applying--;
    queue.shift()?.();
  }
}

/** Resolves once every callback this instance has acknowledged so far is applied. */
export async function callbacksApplied(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
