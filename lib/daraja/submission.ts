import { z } from "zod";
import type { ApiResult } from "./api";
import { readEnvelope } from "./envelope";
import { classifyError, darajaError } from "./errors";
import type { DarajaError } from "./types";

/** Daraja's own error codes look like 500.001.1001 or 400.002.02; the gateway's faults do not. */
const DARAJA_CODE = /^\d{3}\.\d{3}\.\w+$/;

export const responseCode = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

type Refused = { outcome: "rejected"; error: DarajaError };
type InDoubt = { outcome: "unknown"; reason: "timeout" | "network" | "bad_response"; detail: string };

/**
 * Daraja's immediate answer to a request it carries out later (an STK push, the initiator APIs): accepted
 * (ResponseCode 0, with the ids the body schema requires), surely refused, or in doubt: no answer, or a 5xx
 * without one of Daraja's own codes (a proxy's or the API gateway's fault, e.g. its GatewayTimeout), behind
 * which the request may have gone through. Only the gateway's rate limits surely stopped it.
 */
export function readSubmission<Body extends { ResponseCode: string; ResponseDescription?: string }, Accepted>(
  result: ApiResult,
  accepted: { body: z.ZodType<Body>; ids: string; read: (body: Body) => Accepted },
): Accepted | Refused | InDoubt {
  switch (result.kind) {
    case "auth_failed":
      return { outcome: "rejected", error: result.error };
    case "timeout":
      return { outcome: "unknown", reason: "timeout", detail: "Daraja did not answer in time" };
    case "network":
      return { outcome: "unknown", reason: "network", detail: result.detail };
  }
  const { status, body } = result;
  if (status >= 200 && status < 300) {
    const parsed = accepted.body.safeParse(body);
    if (!parsed.success)
      return { outcome: "unknown", reason: "bad_response", detail: `HTTP ${status} without ${accepted.ids}` };
    const { ResponseCode, ResponseDescription } = parsed.data;
    if (ResponseCode !== "0") {
      const details = { httpStatus: status, errorCode: ResponseCode, errorMessage: ResponseDescription };
      return { outcome: "rejected", error: darajaError("unknown", details) };
    }
    return accepted.read(parsed.data);
  }
  const envelope = readEnvelope(body);
  const error = classifyError(status, envelope);
  if (status >= 500 && !DARAJA_CODE.test(envelope.errorCode ?? "") && error.kind !== "rate_limited")
    return {
      outcome: "unknown",
      reason: "bad_response",
      detail: `HTTP ${status} ${envelope.errorCode ?? "without a Daraja error code"}`,
    };
  return { outcome: "rejected", error };
}
