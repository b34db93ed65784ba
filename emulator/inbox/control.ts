// The inbox's control routes: list and clear the messages the shop sent, and the gateways' faults.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ZodError } from "zod";
import { readBody, sendJson } from "../http-io";
import type { Inbox, InboxMessage } from "./store";

export const INBOX_CONTROL_PATH = "/__control/inbox";

const withoutId = (m: InboxMessage) => {
  const { id, ...rest } = m;
  void id;
  return rest;
};

/** GET/DELETE /__control/inbox (?to= filters), GET/POST/DELETE /__control/inbox/faults. */
export async function serveInboxControl(inbox: Inbox, req: IncomingMessage, res: ServerResponse, url: URL) {
  const route = `${req.method} ${url.pathname.slice(INBOX_CONTROL_PATH.length) || "/"}`;
  try {
    switch (route) {
      case "GET /":
        return sendJson(res, 200, inbox.list(url.searchParams.get("to")).map(withoutId));
      case "DELETE /":
        inbox.clear();
        return sendJson(res, 200, { cleared: true });
      case "GET /faults":
        return sendJson(res, 200, inbox.listFaults());
      case "POST /faults":
        return sendJson(res, 200, inbox.addFault(JSON.parse((await readBody(req)).text || "{}")));
      case "DELETE /faults":
        inbox.clearFaults();
        return sendJson(res, 200, { cleared: true });
      default:
        return sendJson(res, 404, { error: `No such inbox control route: ${route}` });
    }
  } catch (e) {
    const message =
      e instanceof ZodError ? e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : String(e);
    return sendJson(res, 400, { error: message });
  }
}
