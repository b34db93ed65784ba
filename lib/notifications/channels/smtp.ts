import nodemailer from "nodemailer";
import { type Channel, type OutgoingMessage, type SendResult, errorText } from "./types";

type SmtpConfig = { smtpUrl: string; from: string; timeoutMs: number };

/** A 5xx reply is the server's final word on that message; a 4xx or a broken connection may pass later. */
function judgeSmtpError(e: unknown): SendResult {
  const code = (e as { responseCode?: unknown }).responseCode;
  const permanent = typeof code === "number" && code >= 500 && code < 600;
  return { ok: false, retry: !permanent, reason: `SMTP: ${errorText(e)}` };
}

export function createSmtpChannel(config: SmtpConfig): Channel {
  const transport = nodemailer.createTransport(config.smtpUrl, {
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  return {
    async send(message: OutgoingMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject ?? "",
          text: message.text,
          html: message.html ?? undefined,
        });
        return { ok: true, providerId: typeof info.messageId === "string" ? info.messageId : null };
      } catch (e) {
        return judgeSmtpError(e);
      }
    },
  };
}
