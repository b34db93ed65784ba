import { randomBytes } from "node:crypto";
import { openApiCall } from "../api-call";
import type { CallContext } from "../call-context";
import { invalidField } from "../errors";
import { type BodyRecord, textOf } from "../fields";
import { errorReply, type DarajaReply } from "../reply";
import { eatTimestamp } from "../eat-time";

/** An initiator API call whose fields all passed Daraja's checks. */
export interface CheckedCall {
  requestId: string;
  body: BodyRecord;
  resultUrl: string;
  timeoutUrl: string;
  remarks: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: DarajaReply };

const refuse = (field: string, requestId: string): { ok: false; reply: DarajaReply } => ({
  ok: false,
  reply: errorReply(invalidField(field), requestId),
});

export function textField(body: BodyRecord, field: string): string | null {
  const text = textOf(body[field]);
  return text !== null && text.trim() !== "" ? text.trim() : null;
}

function urlField(body: BodyRecord, field: string): string | null {
  const text = textField(body, field);
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? text : null;
  } catch {
    return null;
  }
}

/** Whole shillings from 1 to 250,000. */
export function amountField(body: BodyRecord): number | null {
  const value = typeof body.Amount === "string" ? Number(body.Amount) : body.Amount;
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 250_000
    ? value
    : null;
}

/**
 * What every initiator API checks, in this order: token, JSON body, the initiator field's name, its
 * credential, the CommandID, then the result URLs and Remarks (docs/daraja.md 8).
 */
export function openInitiatorCall(
  ctx: CallContext,
  spec: { initiatorField: "Initiator" | "InitiatorName"; commands: readonly string[] },
): Checked<CheckedCall> {
  const call = openApiCall(ctx);
  if (!call.ok) return { ok: false, reply: call.reply };
  const { requestId, body } = call;
  if (!textField(body, spec.initiatorField)) return refuse(spec.initiatorField, requestId);
  if (!textField(body, "SecurityCredential")) return refuse("SecurityCredential", requestId);
  const command = textField(body, "CommandID");
  if (!command || !spec.commands.includes(command)) return refuse("CommandID", requestId);
  const resultUrl = urlField(body, "ResultURL");
  if (!resultUrl) return refuse("ResultURL", requestId);
  const timeoutUrl = urlField(body, "QueueTimeOutURL");
  if (!timeoutUrl) return refuse("QueueTimeOutURL", requestId);
  const remarks = textField(body, "Remarks");
  if (!remarks || remarks.length < 2 || remarks.length > 100) return refuse("Remarks", requestId);
  return { ok: true, value: { requestId, body, resultUrl, timeoutUrl, remarks } };
}

export function refuseField(field: string, requestId: string) {
  return refuse(field, requestId);
}

/** e.g. AG_20261205_2010325b025970fbc403 */
export function conversationId(now: Date): string {
  return `AG_${eatTimestamp(now).slice(0, 8)}_${randomBytes(10).toString("hex")}`;
}

/** The immediate answer: accepted for processing, nothing more. */
export function acceptedReply(
  originatorConversationId: string,
  conversationIdValue: string,
  afterSend: () => void,
  amount?: number,
): DarajaReply {
  return {
    status: 200,
    amount,
    body: {
      OriginatorConversationID: originatorConversationId,
      ConversationID: conversationIdValue,
      ResponseCode: "0",
      ResponseDescription: "Accept the service request successfully.",
    },
    afterSend,
  };
}
