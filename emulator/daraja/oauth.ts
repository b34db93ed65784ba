// Daraja's OAuth endpoint (`/oauth/v1/generate`): Basic credentials in, a Bearer token out.
import type { CallContext } from "./call-context";
import { DARAJA_ERRORS } from "./errors";
import { errorReply, type DarajaReply } from "./reply";
import type { AppCredentials } from "../options";

function basicCredentials(header: string | undefined): AppCredentials | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { consumerKey: decoded.slice(0, colon), consumerSecret: decoded.slice(colon + 1) };
}

/** GET /oauth/v1/generate?grant_type=client_credentials */
export function handleOAuth(ctx: CallContext): DarajaReply {
  const { state, now } = ctx;
  const requestId = state.ids.requestId();
  if (ctx.url.searchParams.get("grant_type") !== "client_credentials") {
    return errorReply(DARAJA_ERRORS.invalidGrantType, requestId);
  }
  const given = basicCredentials(ctx.headers.authorization);
  const known = state.options.credentials.some(
    (c) => c.consumerKey === given?.consumerKey && c.consumerSecret === given.consumerSecret,
  );
  if (!given || !(known || state.options.acceptAnyCredentials)) {
    return errorReply(DARAJA_ERRORS.invalidAuthentication, requestId);
  }
  const { tokenLifetimeSec, singleTokenPerApp } = state.options;
  const token = state.ids.accessToken();
  state.tokens.issue(token, given.consumerKey, tokenLifetimeSec, now, singleTokenPerApp);
  // Daraja announces one second less than the real lifetime, as a string.
  return {
    status: 200,
    body: { access_token: token, expires_in: String(Math.max(tokenLifetimeSec - 1, 0)) },
  };
}

/** Every API but OAuth: a missing, unknown or expired Bearer token is a 404. */
export function accessTokenError(ctx: CallContext): DarajaReply | null {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
  if (match?.[1] && ctx.state.tokens.isValid(match[1], ctx.now)) return null;
  return errorReply(DARAJA_ERRORS.invalidAccessToken, ctx.state.ids.requestId());
}
