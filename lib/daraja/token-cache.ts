export type FetchedToken = { token: string; expiresInSec: number };

const REFRESH_EARLY_SEC = 60;

/**
 * One cached token per client, refreshed a minute before it expires, with a single fetch shared by concurrent
 * callers: Daraja may invalidate the previous token whenever a new one is issued.
 */
export function createTokenCache(fetchToken: () => Promise<FetchedToken>, now: () => Date) {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    try {
      const { token, expiresInSec } = await fetchToken();
      // Short-lived tokens (the emulator's, in tests) would otherwise be stale on arrival.
      const earlySec = Math.min(REFRESH_EARLY_SEC, expiresInSec / 2);
      cached = { token, refreshAt: now().getTime() + (expiresInSec - earlySec) * 1000 };
      return token;
    } finally {
      inFlight = undefined;
    }
  }

  return {
    get(): Promise<string> {
      if (cached && now().getTime() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= refresh();
      return inFlight;
    },
    /** Drops the token Daraja refused, unless a newer one has already replaced it. */
    invalidate(token: string): void {
      if (cached?.token === token) cached = undefined;
    },
  };
}
