import "server-only";
import { after } from "next/server";

const detached = new Set<Promise<unknown>>();

/**
 * Runs a task once the response has gone out (Next's after(): on Vercel the function stays up for it).
 * Outside a Next.js request (scripts, a test calling a route handler) there is no response to wait for: the
 * task starts at once, detached. Either way the caller's answer never waits for it.
 */
export function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    const running = task();
    detached.add(running);
    const done = () => void detached.delete(running);
    running.then(done, done);
  }
}

/** Outside Next.js: resolves once every task started detached so far has finished (a script's or test's end). */
export async function detachedTasksDone(): Promise<void> {
  while (detached.size > 0) await Promise.allSettled([...detached]);
}
