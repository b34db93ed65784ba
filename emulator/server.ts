// The emulator's HTTP server: routes each path to Daraja, control, blob, inbox or phone.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { BLOB_API_PREFIX, createBlobApi } from "./blob/api";
import type { EmulatorControl } from "./control/actions";
import { CONTROL_PREFIX, serveControlCall } from "./control/api";
import { DARAJA_ERRORS } from "./daraja/errors";
import { serveDarajaCall } from "./daraja/gateway";
import { sendHtml, sendJson } from "./http-io";
import { INBOX_CONTROL_PATH, serveInboxControl } from "./inbox/control";
import { inboxPageHtml } from "./inbox/page";
import { SMS_PATH, type SmsGateway } from "./inbox/sms-gateway";
import type { Inbox } from "./inbox/store";
import { phonePageHtml } from "./phone/page";
import type { EmulatorState } from "./state";

type BlobApi = ReturnType<typeof createBlobApi>;
/** The local stand-ins for the shop's messages: Africa's Talking SMS, and the inbox that also holds emails. */
export type Messaging = { inbox: Inbox; sms: SmsGateway };

async function route(
  state: EmulatorState,
  control: EmulatorControl,
  messaging: Messaging,
  blobApi: BlobApi,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  if (url.pathname === SMS_PATH) {
    await messaging.sms.serve(req, res);
  } else if (req.method === "GET" && url.pathname === "/inbox") {
    sendHtml(res, inboxPageHtml(messaging.inbox.list()));
  } else if (url.pathname === INBOX_CONTROL_PATH || url.pathname.startsWith(`${INBOX_CONTROL_PATH}/`)) {
    await serveInboxControl(messaging.inbox, req, res, url);
  } else if (req.method === "GET" && url.pathname === "/") {
    res.writeHead(302, { location: "/phone" }).end();
  } else if (req.method === "GET" && url.pathname === "/phone") {
    sendHtml(res, phonePageHtml());
  } else if (url.pathname === BLOB_API_PREFIX || url.pathname.startsWith(`${BLOB_API_PREFIX}/`)) {
    await blobApi.serve(req, res, url);
  } else if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    await serveControlCall(control, req, res, url);
  } else {
    await serveDarajaCall(state, req, res, url);
  }
}

export function createEmulatorServer(
  state: EmulatorState,
  control: EmulatorControl,
  messaging: Messaging,
): Server {
  const blobApi = createBlobApi();
  return createServer((req, res) => {
    route(state, control, messaging, blobApi, req, res).catch((error: unknown) => {
      state.say(
        `internal error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      const { status, errorCode, errorMessage } = DARAJA_ERRORS.internalServerError;
      if (!res.headersSent)
        sendJson(res, status, { requestId: state.ids.requestId(), errorCode, errorMessage });
    });
  });
}
