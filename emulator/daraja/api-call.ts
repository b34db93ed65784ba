// Opens one Daraja API call: the Bearer token check and the JSON body, common to every endpoint.
import { jsonObjectOf, type CallContext } from "./call-context";
import { DARAJA_ERRORS } from "./errors";
import type { BodyRecord } from "./fields";
import { errorReply, type DarajaReply } from "./reply";
import { accessTokenError } from "./oauth";

export type OpenedCall =
  { ok: true; requestId: string; body: BodyRecord } | { ok: false; reply: DarajaReply };

/** What every STK API call checks first, in Daraja's order: the access token, then a JSON object body. */
export function openApiCall(ctx: CallContext): OpenedCall {
  const tokenError = accessTokenError(ctx);
  if (tokenError) return { ok: false, reply: tokenError };
  const requestId = ctx.state.ids.requestId();
  const body = jsonObjectOf(ctx.body);
  if (!body) return { ok: false, reply: errorReply(DARAJA_ERRORS.invalidPayload, requestId) };
  return { ok: true, requestId, body };
}
