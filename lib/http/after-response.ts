import "server-only";
import { after } from "next/server";

/**
 * Runs a task once the response has gone out (Next's after(): on Vercel the function stays up for it).
 * Outside a Next.js request (scripts, a test calling a route handler) there is no response to wait for: the
 * task starts at once, detached. Either way the caller's answer never waits for it.
 */
export function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}
