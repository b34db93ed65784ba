import "server-only";
import { after } from "next/server";
import { drainQuietly } from "./drain";

/**
 * Sends due messages once the response has gone out (Next's after()): the caller's answer never waits for
 * a gateway. Outside a Next.js request (scripts, tests calling a route handler) it starts the drain detached.
 */
export function drainAfterResponse() {
  try {
    after(drainQuietly);
  } catch {
    void drainQuietly();
  }
}
