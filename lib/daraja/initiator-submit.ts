import { z } from "zod";
import type { ApiResult, PostFn } from "./api";
import { darajaError } from "./errors";
import { callbackUrlProblem, isValidAmount } from "./fields";
import { readSubmission, responseCode } from "./submission";
import type { DarajaEnv } from "./types";
import type { InitiatorSubmit } from "./types";

const acceptedBody = z.object({
  OriginatorConversationID: z.string().min(1),
  ConversationID: z.string().min(1),
  ResponseCode: responseCode,
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
  return readSubmission(result, {
    body: acceptedBody,
    ids: "a ConversationID",
    read: (body) => ({
      outcome: "accepted",
      originatorConversationId: body.OriginatorConversationID,
      conversationId: body.ConversationID,
    }),
  });
}
