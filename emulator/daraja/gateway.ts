// Routes Daraja's paths (OAuth, STK push and query, C2B, the initiator APIs) to their handlers.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallContext } from "./call-context";
import { DARAJA_ERRORS, type DarajaError } from "./errors";
import { errorReply, type DarajaReply } from "./reply";
import type { ApiFaultHit, ApiFaultKind, ApiName } from "../control/faults";
import { readBody, sendJson } from "../http-io";
import { handleC2bRegister } from "./c2b/register";
import { handleC2bSimulate } from "./c2b/simulate";
import { handleAccountBalance } from "./money-out/account-balance";
import { handleB2c } from "./money-out/b2c";
import { handleReversal } from "./money-out/reversal";
import { handleTransactionStatus } from "./money-out/transaction-status";
import { accessTokenError, handleOAuth } from "./oauth";
import type { EmulatorState } from "../state";
import { handleStkPush } from "./stk/push";
import { handleStkQuery } from "./stk/query";

const ROUTES: Record<string, { api: ApiName; handle: (ctx: CallContext) => DarajaReply }> = {
  "GET /oauth/v1/generate": { api: "oauth", handle: handleOAuth },
  "POST /mpesa/stkpush/v1/processrequest": { api: "push", handle: handleStkPush },
  "POST /mpesa/stkpushquery/v1/query": { api: "query", handle: handleStkQuery },
  "POST /mpesa/c2b/v1/registerurl": { api: "c2b", handle: handleC2bRegister },
  "POST /mpesa/c2b/v2/registerurl": { api: "c2b", handle: handleC2bRegister },
  "POST /mpesa/c2b/v1/simulate": { api: "c2b", handle: handleC2bSimulate },
  "POST /mpesa/c2b/v2/simulate": { api: "c2b", handle: handleC2bSimulate },
  "POST /mpesa/reversal/v1/request": { api: "initiator", handle: handleReversal },
  "POST /mpesa/b2c/v1/paymentrequest": { api: "initiator", handle: (ctx) => handleB2c(ctx, "v1") },
  "POST /mpesa/b2c/v3/paymentrequest": { api: "initiator", handle: (ctx) => handleB2c(ctx, "v3") },
  "POST /mpesa/accountbalance/v1/query": { api: "initiator", handle: handleAccountBalance },
  "POST /mpesa/transactionstatus/v1/query": { api: "initiator", handle: handleTransactionStatus },
};

const FAULT_ERRORS: Partial<Record<ApiFaultKind, DarajaError>> = {
  error: DARAJA_ERRORS.internalServerError,
  rateLimit: DARAJA_ERRORS.systemBusy,
  spikeArrest: DARAJA_ERRORS.spikeArrest,
  quota: DARAJA_ERRORS.quotaViolation,
};

/** Withholds the answer; after hangMs sends it late (or cuts the line if nothing was processed). */
function hold(
  state: EmulatorState,
  res: ServerResponse,
  hangMs: number | null,
  reply: DarajaReply | null,
): void {
  const held = { res, timer: null as NodeJS.Timeout | null };
  state.held.add(held);
  if (hangMs === null) return;
  held.timer = setTimeout(() => {
    state.held.delete(held);
    if (res.socket?.destroyed ?? true) return; // the client gave up meanwhile
    if (reply) sendJson(res, reply.status, reply.body);
    else res.socket?.destroy();
  }, hangMs);
}

function answer(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  reply: DarajaReply | null,
  fault: ApiFaultHit | null,
): void {
  if (fault?.kind === "drop") req.socket.destroy();
  else if (fault?.kind === "hang") hold(state, res, fault.hangMs, reply);
  else if (reply) sendJson(res, reply.status, reply.body);
}

export async function serveDarajaCall(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  const route = ROUTES[`${method} ${url.pathname}`];
  const ctx: CallContext = { state, method, url, headers: req.headers, body: "", now: new Date() };
  // The token first, as Daraja's gateway does: a caller without one never gets a big body read.
  const refused = route && route.api !== "oauth" ? accessTokenError(ctx) : null;
  const read = refused ? null : await readBody(req);
  ctx.body = read?.text ?? "";
  const fault = route && !read?.tooLarge ? state.faults.takeApiFault(route.api) : null;

  let reply: DarajaReply | null = route
    ? null
    : errorReply(DARAJA_ERRORS.resourceNotFound, state.ids.requestId());
  if (read?.tooLarge) reply = errorReply(DARAJA_ERRORS.payloadTooLarge, state.ids.requestId());
  else if (route && (!fault || fault.accepted)) reply = route.handle(ctx);
  const faultError = fault && FAULT_ERRORS[fault.kind];
  const sent = faultError ? errorReply(faultError, state.ids.requestId(), reply ?? {}) : reply;
  answer(state, req, res, sent, fault);
  sent?.afterSend?.();

  const withheld = fault?.kind === "hang" || fault?.kind === "drop";
  state.calls.record(
    {
      method,
      path: url.pathname,
      status: withheld ? null : (sent?.status ?? null),
      errorCode: withheld ? null : (sent?.errorCode ?? null),
      checkoutRequestId: sent?.checkoutRequestId ?? null,
      fault: fault?.label ?? null,
      warnings: sent?.warnings ?? [],
    },
    { phone: sent?.phone, amount: sent?.amount },
  );
}
