// Africa's Talking's SMS stand-in: accepts a send, stores it, reports delivery.
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

export interface SmsGatewayOptions {
  apiKey: string;
  /** Where delivery reports go (the app's /api/notifications/sms-delivery/<token>); null sends none. */
  deliveryUrl: string | null;
  deliveryDelayMs: number;
  say(line: string): void;
}

/** AT's delivery report: POSTed form-encoded to the callback URL set on its dashboard. */
type DeliveryReport = {
  id: string;
  status: "Success" | "Failed";
  phoneNumber: string;
  networkCode: string;
  failureReason?: string;
  retryCount: string;
};

/** Safaricom's network code, as AT reports it for +2547... numbers. */
const SAFARICOM = "63902";

export function createSmsGateway(inbox: Inbox, options: SmsGatewayOptions): SmsGateway {
  const { apiKey } = options;
  const held = new Set<{ res: ServerResponse; timer: NodeJS.Timeout | null }>();
  const reportTimers = new Set<NodeJS.Timeout>();
  let stopped = false;

  async function postReport(report: DeliveryReport) {
    const url = options.deliveryUrl;
    if (!url || stopped) return;
    const form = new URLSearchParams(
      Object.entries(report).filter((e): e is [string, string] => e[1] !== undefined),
    );
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
      await response.text();
      options.say(`sms delivery report ${report.id} ${report.status} -> ${response.status}`);
    } catch (error) {
      options.say(`sms delivery report ${report.id} ${report.status} failed: ${String(error)}`);
    }
  }

  function scheduleReport(messageId: string, number: string, fault: InboxFault | null) {
    if (!options.deliveryUrl) return;
    const failed = fault?.kind === "undelivered";
    const report: DeliveryReport = {
      id: messageId,
      status: failed ? "Failed" : "Success",
      phoneNumber: number,
      networkCode: SAFARICOM,
      failureReason: failed ? (fault.failureReason ?? "AbsentSubscriber") : undefined,
      retryCount: "0",
    };
    const timer = setTimeout(() => {
      reportTimers.delete(timer);
      void postReport(report);
    }, options.deliveryDelayMs);
    timer.unref();
    reportTimers.add(timer);
  }

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
    const messageId = statusCode === 101 ? `ATXid_${randomBytes(16).toString("hex")}` : "None";
    if (statusCode === 101) {
      inbox.add({ channel: "sms", to: number, from, text: message });
      scheduleReport(messageId, number, fault);
    }
    return {
      statusCode,
      number,
      status: statusCode === 101 ? "Success" : (STATUS_NAMES[statusCode] ?? "Failed"),
      cost: statusCode === 101 ? "KES 0.8000" : "0",
      messageId,
    };
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST") {
      res.writeHead(405, { "content-type": "text/plain" }).end("Method Not Allowed");
      return;
    }
    const body = await readBody(req);
    if (body.tooLarge) {
      res.writeHead(413, { "content-type": "text/plain" }).end("Request Entity Too Large");
      return;
    }
    const form = new URLSearchParams(body.text);
    if (req.headers.apikey !== apiKey) {
      res.writeHead(401, { "content-type": "text/plain" }).end("The supplied authentication is invalid");
      return;
    }
    const [username, to, message] = [form.get("username"), form.get("to"), form.get("message")];
    // Africa's Talking names the first field it found missing.
    const missing = !username ? "username" : !to ? "to" : !message ? "message" : null;
    if (missing || !to || !message) {
      res
        .writeHead(400, { "content-type": "text/plain" })
        .end(`Request is missing required form field '${missing}'`);
      return;
    }
    const numbers = to.split(",").map((n) => n.trim());
    const faults = numbers.map((n) => inbox.takeFault("sms", n));
    const gatewayFault = faults.find((f) => f && (f.kind === "error" || f.kind === "timeout"));
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
      stopped = true;
      for (const timer of reportTimers) clearTimeout(timer);
      reportTimers.clear();
      for (const entry of held) {
        if (entry.timer) clearTimeout(entry.timer);
        entry.res.socket?.destroy();
      }
      held.clear();
    },
  };
}
