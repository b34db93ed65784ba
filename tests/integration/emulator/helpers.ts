// Built from docs/daraja.md directly, not from emulator internals, so a misreading cannot hide in both.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "@/emulator";

export const SHORTCODE = "174379";
export const PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
export const PHONE = "254708374149";
export const BASIC = `Basic ${Buffer.from("duka-emulator-key:duka-emulator-secret").toString("base64")}`;

export function bootEmulator(options: Partial<EmulatorOptions> = {}): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, quiet: true, ...options });
}

/** YYYYMMDDHHmmss in EAT (UTC+3), offsetSec from now. */
export function eatTimestamp(offsetSec = 0): string {
  const eat = new Date(Date.now() + offsetSec * 1000 + 3 * 3600 * 1000);
  return eat.toISOString().replace(/\D/g, "").slice(0, 14);
}

export function password(timestamp: string, shortcode = SHORTCODE, passkey = PASSKEY): string {
  return Buffer.from(shortcode + passkey + timestamp).toString("base64");
}

export async function getToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
    headers: { authorization: BASIC },
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export function pushBody(
  callbackUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const timestamp = eatTimestamp();
  return {
    BusinessShortCode: SHORTCODE,
    Password: password(timestamp),
    Timestamp: timestamp,
    TransactionType: "CustomerPayBillOnline",
    Amount: 1250,
    PartyA: PHONE,
    PartyB: SHORTCODE,
    PhoneNumber: PHONE,
    CallBackURL: callbackUrl,
    AccountReference: "DUKA-1042",
    TransactionDesc: "Order 1042",
    ...overrides,
  };
}

export interface JsonAnswer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
}

export async function postJson(url: string, token: string, body: unknown): Promise<JsonAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

export function push(baseUrl: string, token: string, body: unknown): Promise<JsonAnswer> {
  return postJson(`${baseUrl}/mpesa/stkpush/v1/processrequest`, token, body);
}

export function query(
  baseUrl: string,
  token: string,
  checkoutRequestId: string,
  overrides: Record<string, unknown> = {},
): Promise<JsonAnswer> {
  const timestamp = eatTimestamp();
  const body = {
    BusinessShortCode: SHORTCODE,
    Password: password(timestamp),
    Timestamp: timestamp,
    CheckoutRequestID: checkoutRequestId,
    ...overrides,
  };
  return postJson(`${baseUrl}/mpesa/stkpushquery/v1/query`, token, body);
}

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A stand-in for our callback route: records every POST and acknowledges as the app should. */
export async function startReceiver(status = 200) {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(text) as unknown });
      res
        .writeHead(status, { "content-type": "application/json" })
        .end('{"ResultCode":0,"ResultDesc":"Accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/payments/callback/secret-token`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Hooks for the enclosing describe: emulator, receiver and token from beforeAll; reset after each test; stopped after all. */
export function withEmulator(options: Partial<EmulatorOptions> = {}) {
  const setup = {} as { emulator: EmulatorHandle; receiver: Receiver; token: string };
  beforeAll(async () => {
    setup.emulator = await bootEmulator(options);
    setup.receiver = await startReceiver();
    setup.token = await getToken(setup.emulator.url);
  });
  afterEach(() => {
    setup.emulator.control.reset();
    setup.receiver.received.length = 0;
  });
  afterAll(async () => {
    await setup.emulator.stop();
    await setup.receiver.close();
  });
  return setup;
}

export async function waitUntil(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
