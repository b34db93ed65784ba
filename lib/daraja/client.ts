import { createApi } from "./api";
import { registerC2bUrls } from "./c2b";
import { fetchAccessToken } from "./oauth";
import { stkPush } from "./stk-push";
import { stkQuery } from "./stk-query";
import { createTokenCache } from "./token-cache";
import type { DarajaClient, DarajaConfig } from "./types";

export const DEFAULT_TIMEOUT_MS = 15_000;

export type DarajaDeps = { fetch?: typeof fetch; now?: () => Date };

/** Configuration comes in as an argument: this module reads no environment and knows nothing of the app. */
export function createDarajaClient(config: DarajaConfig, deps: DarajaDeps = {}): DarajaClient {
  if (config.transactionType === "CustomerBuyGoodsOnline" && !config.tillNumber) {
    throw new Error("Daraja config: tillNumber is required for CustomerBuyGoodsOnline");
  }
  const fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? (() => new Date());
  const settings = {
    baseUrl: config.baseUrl.replace(/\/+$/, ""),
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const tokens = createTokenCache(() => fetchAccessToken(fetchFn, settings), now);
  const context = { config, now, post: createApi(fetchFn, tokens, settings) };

  return {
    stkPush: (req) => stkPush(context, req),
    stkQuery: (checkoutRequestId) => stkQuery(context, checkoutRequestId),
    registerC2bUrls: (req) => registerC2bUrls({ shortcode: config.shortcode, post: context.post }, req),
    getToken: () => tokens.get(),
  };
}
