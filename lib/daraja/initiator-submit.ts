import { z } from "zod";
import type { ApiResult, PostFn } from "./api";
import { readEnvelope } from "./envelope";
import { classifyError, darajaError } from "./errors";
import { callbackUrlProblem, isValidAmount } from "./fields";
import type { DarajaEnv } from "./types";
import type { InitiatorSubmit } from "./types";

const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const acceptedBody = z.object({
  OriginatorConversationID: z.string().min(1),
  ConversationID: z.string().min(1),
  ResponseCode: code,
  ResponseDescription: z.string().optional(),
});

const REMARKS_MAX = 100;

/** Remarks take 2 to 100 characters (docs/daraja.md 8.2); anything odd is replaced, never sent. */
export function sanitizeRemarks(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9 .,#:-]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, REMARKS_MAX)
    .trim();
  return cleaned.length >= 2 ? cleaned : "Refund";
}

export function rejectedField(field: string, errorMessage: string): InitiatorSubmit {
  return { outcome: "rejected", error: darajaError("invalid_request", { field, errorMessage }) };
}

/** The local checks every initiator request shares: a request Daraja would refuse is never sent. */
export function requestProblem(
  env: DarajaEnv,
  req: { resultUrl: string; timeoutUrl: string; amountKes?: number },
): InitiatorSubmit | null {
  if (req.amountKes !== undefined && !isValidAmount(req.amountKes))
    return rejectedField("Amount", "Amount must be whole shillings from 1 to 250,000");
  for (const [field, url] of [
    ["ResultURL", req.resultUrl],
    ["QueueTimeOutURL", req.timeoutUrl],
  ] as const) {
    const problem = callbackUrlProblem(url, env);
    if (problem) return rejectedField(field, `${field} ${problem}`);
  }
  return null;
}

export async function submit(post: PostFn, path: string, body: unknown): Promise<InitiatorSubmit> {
  return readSubmitAnswer(await post(path, body));
}

function readSubmitAnswer(result: ApiResult): InitiatorSubmit {
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
    const parsed = acceptedBody.safeParse(body);
    if (!parsed.success)
      return {
        outcome: "unknown",
        reason: "bad_response",
        detail: `HTTP ${status} without a ConversationID`,
      };
    const { ResponseCode, ResponseDescription } = parsed.data;
    if (ResponseCode !== "0") {
      const details = { httpStatus: status, errorCode: ResponseCode, errorMessage: ResponseDescription };
      return { outcome: "rejected", error: darajaError("unknown", details) };
    }
    return {
      outcome: "accepted",
      originatorConversationId: parsed.data.OriginatorConversationID,
      conversationId: parsed.data.ConversationID,
    };
  }
  const envelope = readEnvelope(body);
  const error = classifyError(status, envelope);
  // As for a push: a 5xx that is not one of Daraja's own answers may hide a request that went through.
  if (status >= 500 && !/^\d{3}\.\d{3}\.\w+$/.test(envelope.errorCode ?? "") && error.kind !== "rate_limited")
    return {
      outcome: "unknown",
      reason: "bad_response",
      detail: `HTTP ${status} ${envelope.errorCode ?? ""}`.trim(),
    };
  return { outcome: "rejected", error };
}
