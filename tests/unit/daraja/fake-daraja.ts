import type { DarajaConfig } from "@/lib/daraja";
import { oauthOk, SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "./samples";

export type Endpoint = "oauth" | "push" | "query";
export type SeenRequest = { endpoint: Endpoint; headers: Headers; body: Record<string, unknown> };
type Handler = (req: SeenRequest, callNumber: number) => Response | Promise<Response>;

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export const testConfig = (overrides: Partial<DarajaConfig> = {}): DarajaConfig => ({
  env: "sandbox",
  baseUrl: "https://daraja.test",
  consumerKey: "key",
  consumerSecret: "secret",
  shortcode: SANDBOX_SHORTCODE,
  passkey: SANDBOX_PASSKEY,
  transactionType: "CustomerPayBillOnline",
  timeoutMs: 1_000,
  ...overrides,
});

const ENDPOINTS: Record<string, Endpoint> = {
  "/oauth/v1/generate": "oauth",
  "/mpesa/stkpush/v1/processrequest": "push",
  "/mpesa/stkpushquery/v1/query": "query",
};

/** A stand-in for Daraja behind `fetch`: per-endpoint handlers, call counts and the requests it saw. */
export function fakeDaraja(handlers: Partial<Record<Endpoint, Handler>> = {}) {
  const calls: Record<Endpoint, number> = { oauth: 0, push: 0, query: 0 };
  const seen: SeenRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const endpoint = ENDPOINTS[url.pathname];
    if (!endpoint) return json(404, { errorMessage: "no such path" });
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const req = { endpoint, headers: new Headers(init?.headers), body };
    calls[endpoint] += 1;
    seen.push(req);
    const handler = handlers[endpoint] ?? (endpoint === "oauth" ? () => json(200, oauthOk) : undefined);
    return handler ? handler(req, calls[endpoint]) : json(500, { errorMessage: "unhandled" });
  };
  return { fetch, calls, seen };
}

export const pushRequest = {
  phone: "0708 374 149",
  amountKes: 100,
  callbackUrl: "https://shop.example.com/api/payments/callback/abc123",
  accountReference: "ORD-1234",
  description: "Duka order",
};
