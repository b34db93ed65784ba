import { createApi } from "./api";
import { registerC2bUrls } from "./c2b";
import { fetchAccessToken } from "./oauth";
import { stkPush } from "./stk-push";
import { stkQuery } from "./stk-query";
import { b2cPayment, reversal, transactionStatus } from "./initiator-requests";
import { darajaError } from "./errors";
import type { InitiatorSubmit } from "./types";
import { createTokenCache } from "./token-cache";
import type { DarajaClient, DarajaConfig } from "./types";

export const DEFAULT_TIMEOUT_MS = 15_000;

const NO_INITIATOR: InitiatorSubmit = {
  outcome: "rejected",
  error: darajaError("wrong_credentials", { errorMessage: "No initiator is configured" }),
};

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
  const initiator = config.initiator;
  const asInitiator =
    <R>(
      send: (
        ctx: typeof context & { initiator: NonNullable<typeof initiator> },
        req: R,
      ) => Promise<InitiatorSubmit>,
    ) =>
    (req: R): Promise<InitiatorSubmit> =>
      initiator ? send({ ...context, initiator }, req) : Promise.resolve(NO_INITIATOR);

  return {
    stkPush: (req) => stkPush(context, req),
    stkQuery: (checkoutRequestId) => stkQuery(context, checkoutRequestId),
    registerC2bUrls: (req) => registerC2bUrls({ shortcode: config.shortcode, post: context.post }, req),
    getToken: () => tokens.get(),
    reversal: asInitiator(reversal),
    b2cPayment: asInitiator(b2cPayment),
    transactionStatus: asInitiator(transactionStatus),
  };
}
