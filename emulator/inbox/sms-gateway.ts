import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import { readBody, sendJson } from "../http-io";
import type { Inbox, InboxFault } from "./store";

/** Africa's Talking's SMS endpoint, as its docs describe it: form in, 201 with one status per recipient out. */
export const SMS_PATH = "/version1/messaging";

const STATUS_NAMES: Record<number, string> = {
  401: "RiskHold",
  402: "InvalidSenderId",
  403: "InvalidPhoneNumber",
  404: "UnsupportedNumberType",
  405: "InsufficientBalance",
  406: "UserInBlacklist",
  407: "CouldNotRoute",
  409: "DoNotDisturbRejection",
  500: "InternalServerError",
  501: "GatewayError",
  502: "RejectedByGateway",
};

type Recipient = { statusCode: number; number: string; status: string; cost: string; messageId: string };

export interface SmsGateway {
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Ends answers held by timeout faults. */
  stop(): void;
}

export function createSmsGateway(inbox: Inbox, apiKey: string): SmsGateway {
  const held = new Set<{ res: ServerResponse; timer: NodeJS.Timeout | null }>();

  function hold(res: ServerResponse, fault: InboxFault) {
    const entry = { res, timer: null as NodeJS.Timeout | null };
    if (fault.hangMs !== undefined)
      entry.timer = setTimeout(() => {
        held.delete(entry);
        res.writeHead(504, { "content-type": "text/plain" }).end("Gateway Timeout");
      }, fault.hangMs);
    held.add(entry);
  }

  function recipientStatus(
    number: string,
    fault: InboxFault | null,
    message: string,
    from: string,
  ): Recipient {
    const statusCode = !/^\+\d{10,15}$/.test(number)
      ? 403
      : fault?.kind === "reject"
        ? (fault.statusCode ?? 406)
        : 101;
    if (statusCode === 101) inbox.add({ channel: "sms", to: number, from, text: message });
    return {
      statusCode,
      number,
      status: statusCode === 101 ? "Success" : (STATUS_NAMES[statusCode] ?? "Failed"),
      cost: statusCode === 101 ? "KES 0.8000" : "0",
      messageId: statusCode === 101 ? `ATXid_${randomBytes(16).toString("hex")}` : "None",
    };
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST") {
      res.writeHead(405, { "content-type": "text/plain" }).end("Method Not Allowed");
      return;
    }
    const form = new URLSearchParams((await readBody(req)).text);
    if (req.headers.apikey !== apiKey) {
      res.writeHead(401, { "content-type": "text/plain" }).end("The supplied authentication is invalid");
      return;
    }
    const [username, to, message] = [form.get("username"), form.get("to"), form.get("message")];
    if (!username || !to || !message) {
      res.writeHead(400, { "content-type": "text/plain" }).end("Request is missing required form field 'to'");
      return;
    }
    const numbers = to.split(",").map((n) => n.trim());
    const faults = numbers.map((n) => inbox.takeFault("sms", n));
    const gatewayFault = faults.find((f) => f && f.kind !== "reject");
    if (gatewayFault?.kind === "error") {
      res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
      return;
    }
    if (gatewayFault?.kind === "timeout") return hold(res, gatewayFault);
    const from = form.get("from") ?? "AFRICASTKNG";
    const recipients = numbers.map((n, i) => recipientStatus(n, faults[i] ?? null, message, from));
    const sent = recipients.filter((r) => r.statusCode === 101).length;
    sendJson(res, 201, {
      SMSMessageData: {
        Message: `Sent to ${sent}/${recipients.length} Total Cost: KES ${(sent * 0.8).toFixed(4)}`,
        Recipients: recipients,
      },
    });
  }

  return {
    serve,
    stop() {
      for (const entry of held) {
        if (entry.timer) clearTimeout(entry.timer);
        entry.res.socket?.destroy();
      }
      held.clear();
    },
  };
}
