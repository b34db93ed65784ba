import { z } from "zod";
import { readEnvelope } from "./envelope";
import { classifyError, darajaError } from "./errors";
import { sendRequest } from "./http";
import type { FetchedToken } from "./token-cache";
import type { DarajaError } from "./types";

/** Thrown by getToken; stkPush and stkQuery turn it into a result instead. */
export class DarajaAuthError extends Error {
  constructor(readonly error: DarajaError) {
    super(`Daraja OAuth failed: ${error.errorCode ?? error.kind} ${error.errorMessage ?? ""}`.trim());
    this.name = "DarajaAuthError";
  }
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  // Seen both as "3599" and 3599.
  expires_in: z.coerce.number().positive().catch(3599),
});

type OAuthSettings = { baseUrl: string; consumerKey: string; consumerSecret: string; timeoutMs: number };

export async function fetchAccessToken(
  fetchFn: typeof fetch,
  settings: OAuthSettings,
): Promise<FetchedToken> {
  const basic = Buffer.from(`${settings.consumerKey}:${settings.consumerSecret}`, "utf8").toString("base64");
  const result = await sendRequest(
    fetchFn,
    {
      method: "GET",
      url: `${settings.baseUrl}/oauth/v1/generate?grant_type=client_credentials`,
      headers: { Authorization: `Basic ${basic}` },
    },
    settings.timeoutMs,
  );
  if (result.kind === "timeout")
    throw new DarajaAuthError(darajaError("unknown", { errorMessage: "OAuth request timed out" }));
  if (result.kind === "network")
    throw new DarajaAuthError(darajaError("unknown", { errorMessage: result.detail }));
  if (result.status < 200 || result.status > 299) {
    const error = classifyError(result.status, readEnvelope(result.body));
    // Whatever the OAuth endpoint refuses is a credentials problem, except a busy or broken Daraja.
    const kind = error.kind === "rate_limited" || error.kind === "server_error" ? error.kind : "auth";
    const { httpStatus, errorCode, errorMessage } = error;
    throw new DarajaAuthError(darajaError(kind, { httpStatus, errorCode, errorMessage }));
  }
  const parsed = tokenResponse.safeParse(result.body);
  if (!parsed.success) {
    throw new DarajaAuthError(
      darajaError("auth", { httpStatus: result.status, errorMessage: "OAuth answer had no access_token" }),
    );
  }
  return { token: parsed.data.access_token, expiresInSec: parsed.data.expires_in };
}
