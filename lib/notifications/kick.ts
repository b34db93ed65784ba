import "server-only";
import { afterResponse } from "@/lib/http/after-response";
import { drainQuietly } from "./drain";

/** Sends due messages once the response has gone out: the caller's answer never waits for a gateway. */
export function drainAfterResponse() {
  afterResponse(drainQuietly);
}
