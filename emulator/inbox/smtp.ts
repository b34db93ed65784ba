// An SMTP server standing for the mail provider: every email the shop sends lands in the inbox.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Inbox } from "./store";

interface LocalSmtp {
  port: number;
  stop(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/** A local SMTP relay that keeps every message in the inbox (no TLS, no auth: loopback only). */
export async function startLocalSmtp(inbox: Inbox, port: number, host: string): Promise<LocalSmtp> {
  const held = new Set<NodeJS.Timeout>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 5_000_000,
    closeTimeout: 500,
    onRcptTo(address, _session, callback) {
      const fault = inbox.takeFault("email", address.address);
      // undelivered is an SMS delivery report's fault: email has no delivery reports, so it is accepted.
      if (!fault || fault.kind === "undelivered") return callback();
      if (fault.kind === "error") return callback(smtpError(451, "Temporary local problem, try again later"));
      if (fault.kind === "reject") return callback(smtpError(550, "Mailbox unavailable"));
      // timeout: no answer; the client's socket timeout decides (or hangMs, then a temporary error).
      if (fault.hangMs !== undefined) {
        const timer = setTimeout(() => {
          held.delete(timer);
          callback(smtpError(451, "Timed out"));
        }, fault.hangMs);
        held.add(timer);
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const from = mail.from?.text ?? session.envelope.mailFrom?.toString() ?? "";
          for (const rcpt of session.envelope.rcptTo) {
            inbox.add({
              channel: "email",
              to: rcpt.address,
              from,
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : undefined,
            });
          }
          callback();
        })
        .catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
    },
  });
  // A client hanging up mid-transaction (a shop timing out on a held RCPT) is that session's end, as for a
  // real mail server: without a listener smtp-server's 'error' event would take the whole emulator down.
  server.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of held) clearTimeout(timer);
        server.close(() => resolve());
      }),
  };
}
