import { z } from "zod";
import { type Channel, type OutgoingMessage, type SendResult, errorText } from "./types";

/**
 * A thin client of Africa's Talking's SMS API (POST /version1/messaging). The official SDK picks its host from
 * the username and cannot be pointed at a local gateway, so Duka speaks the HTTP API itself.
 */
type AfricasTalkingConfig = {
  baseUrl: string;
  username: string;
  apiKey: string;
  senderId?: string;
  timeoutMs: number;
};

const answerSchema = z.object({
  SMSMessageData: z.object({
    Message: z.string().optional(),
    Recipients: z.array(
      z.object({
        statusCode: z.number(),
        number: z.string(),
        status: z.string(),
        messageId: z.string().optional(),
      }),
    ),
  }),
});

// Per-recipient codes: 100-102 accepted; these failures will not change by sending again.
const ACCEPTED = new Set([100, 101, 102]);
const PERMANENT = new Set([402, 403, 404, 406, 407, 409]);

/** Maps one recipient's status code to sent / retry later / give up. */
export function judgeRecipient(statusCode: number, status: string, messageId?: string): SendResult {
  if (ACCEPTED.has(statusCode)) return { ok: true, providerId: messageId ?? null };
  return { ok: false, retry: !PERMANENT.has(statusCode), reason: `${status} (${statusCode})` };
}

export function createAfricasTalkingChannel(config: AfricasTalkingConfig): Channel {
  return {
    async send(message: OutgoingMessage): Promise<SendResult> {
      const form = new URLSearchParams({ username: config.username, to: message.to, message: message.text });
      if (config.senderId) form.set("from", config.senderId);
      let response: Response;
      try {
        response = await fetch(`${config.baseUrl.replace(/\/+$/, "")}/version1/messaging`, {
          method: "POST",
          headers: {
            apiKey: config.apiKey,
            Accept: "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: form,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (e) {
        return { ok: false, retry: true, reason: `SMS gateway unreachable: ${errorText(e)}` };
      }
      const body = await response.text().catch(() => "");
      if (response.status !== 201 && response.status !== 200)
        return {
          ok: false,
          retry: true,
          reason: `SMS gateway answered ${response.status}: ${body.slice(0, 200)}`,
        };
      let parsed;
      try {
        parsed = answerSchema.safeParse(JSON.parse(body));
      } catch {
        parsed = undefined;
      }
      const recipient = parsed?.success ? parsed.data.SMSMessageData.Recipients[0] : undefined;
      if (!recipient) {
        const note = parsed?.success ? parsed.data.SMSMessageData.Message : undefined;
        return {
          ok: false,
          retry: true,
          reason: `SMS gateway sent no recipient status${note ? `: ${note}` : ""}`,
        };
      }
      return judgeRecipient(recipient.statusCode, recipient.status, recipient.messageId);
    },
  };
}
