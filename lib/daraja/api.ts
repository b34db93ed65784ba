import { isInvalidToken, readEnvelope } from "./envelope";
import { sendRequest, type HttpResult } from "./http";
import { DarajaAuthError } from "./oauth";
import type { createTokenCache } from "./token-cache";
import type { DarajaError } from "./types";

export type ApiResult = HttpResult | { kind: "auth_failed"; error: DarajaError };

type TokenCache = ReturnType<typeof createTokenCache>;
type ApiSettings = { baseUrl: string; timeoutMs: number };

/**
 * Authorized JSON POSTs. When Daraja says the token is invalid, it refused the request outright (no prompt
 * was created), so fetching a new token and sending once more is safe, even for a push.
 */
export function createApi(fetchFn: typeof fetch, tokens: TokenCache, settings: ApiSettings) {
  return async function post(path: string, body: unknown): Promise<ApiResult> {
    for (let attempt = 1; ; attempt++) {
      let token: string;
      try {
        token = await tokens.get();
      } catch (error) {
        if (error instanceof DarajaAuthError) return { kind: "auth_failed", error: error.error };
        throw error;
      }
      const result = await sendRequest(
        fetchFn,
        {
          method: "POST",
          url: `${settings.baseUrl}${path}`,
          headers: { Authorization: `Bearer ${token}` },
          body,
        },
        settings.timeoutMs,
      );
      const refused = result.kind === "response" && isInvalidToken(readEnvelope(result.body));
      if (!refused || attempt > 1) return result;
      tokens.invalidate(token);
    }
  };
}

export type PostFn = ReturnType<typeof createApi>;
