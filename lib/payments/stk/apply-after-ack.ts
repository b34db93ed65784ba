import "server-only";
import { afterResponse } from "@/lib/http/after-response";
import { drainQuietly } from "@/lib/notifications/drain";

/**
 * At most this many recorded callbacks are applied at once per instance. Applying one is a transaction of a
 * dozen statements holding a pool connection (lib/db.ts: 10); in a burst the rest wait here, in arrival
 * order, so the acknowledgements (one statement each) keep their connections and Daraja is never kept waiting.
 */
const APPLYING_AT_ONCE = 4;

let applying = 0;
const queue: (() => void)[] = [];
const inFlight = new Set<Promise<void>>();

/**
 * Applies a callback that is already stored, after Daraja has its acknowledgement; then sends the messages
 * it queued. Nothing is lost if this instance dies first: the stored callback is replayed
 * (replayUnappliedCallbacks, from the reconcile job and the order page).
 */
export function applyAfterAck(apply: () => Promise<unknown>): void {
  afterResponse(() => {
    const done = inTurn(apply).then(drainQuietly);
    inFlight.add(done);
    return done.finally(() => inFlight.delete(done));
  });
}

async function inTurn(apply: () => Promise<unknown>): Promise<void> {
  if (applying >= APPLYING_AT_ONCE) await new Promise<void>((go) => queue.push(go));
  applying++;
  try {
    await apply();
  } finally {
    applying--;
    queue.shift()?.();
  }
}

/** Resolves once every callback this instance has acknowledged so far is applied. */
export async function callbacksApplied(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
