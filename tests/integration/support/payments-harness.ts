/**
 * The payment flow wired to real parts: PostgreSQL, the Daraja emulator over HTTP, and a small HTTP server
 * that hands the emulator's callbacks to the real route handler. Only the clock is ours to move.
 */
import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type StkCallbackBody } from "@/emulator";
import { POST as callbackRoute } from "@/app/api/payments/callback/[token]/route";
import { callbacksApplied } from "@/lib/payments/stk/apply-after-ack";
import { POST as confirmRoute } from "@/app/api/payments/paybill/[token]/confirm/route";
import { POST as validateRoute } from "@/app/api/payments/paybill/[token]/validate/route";
import { POST as smsDeliveryRoute } from "@/app/api/notifications/sms-delivery/[token]/route";
import { POST as initiatorResultRoute } from "@/app/api/payments/result/[token]/[kind]/route";
import { createDarajaClient } from "@/lib/daraja";
import { type DeliveryChoice, PICKUP_KEY } from "@/lib/delivery/pricing";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { configureNotifications } from "@/lib/notifications/context";
import { drainQuietly } from "@/lib/notifications/drain";
import { configurePayments, payments, type PaymentsContext } from "@/lib/payments/shared/context";
import { resetShop } from "./database";
import { localGateways } from "./notifications";

let offsetMs = 0;

/** The payment flow's clock: real time unless a test moves it (it keeps running from where it was put). */
export const clock = {
  now: () => new Date(Date.now() + offsetMs),
  advance(seconds: number) {
    offsetMs += seconds * 1000;
  },
  set(at: Date) {
    offsetMs = at.getTime() - Date.now();
  },
  reset() {
    offsetMs = 0;
  },
};

export type Harness = {
  emulator: EmulatorHandle;
  bridgeUrl: string;
  defaults: PaymentsContext;
  stop(): Promise<void>;
};

/** Our public URL as Daraja sees it: POST /api/payments/callback/<token> goes to the real route handler. */
function startBridge(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => void bridge(req, res));
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const ROUTES = [
  { path: /^\/api\/payments\/callback\/([^/?]*)$/, handler: callbackRoute },
  { path: /^\/api\/payments\/paybill\/([^/?]*)\/confirm$/, handler: confirmRoute },
  { path: /^\/api\/payments\/paybill\/([^/?]*)\/validate$/, handler: validateRoute },
  { path: /^\/api\/notifications\/sms-delivery\/([^/?]*)$/, handler: smsDeliveryRoute },
  { path: /^\/api\/payments\/result\/([^/?]*)\/([^/?]*)$/, handler: initiatorResultRoute },
];

/** The delivery report token of harnesses started with smsDeliveryReports. */
export const HARNESS_DELIVERY_TOKEN = "harness-delivery-report-token";

async function bridge(req: IncomingMessage, res: ServerResponse) {
  const route = ROUTES.find((r) => r.path.test(req.url ?? ""));
  const match = route?.path.exec(req.url ?? "");
  if (req.method !== "POST" || !route || !match) {
    res.writeHead(404).end();
    return;
  }
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(", "));
    }
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const params = { token: decodeURIComponent(match[1]!), kind: decodeURIComponent(match[2] ?? "") };
    const response = await route.handler(request, { params: Promise.resolve(params) });
    // Next.js applies a callback after its answer is sent (apply-after-ack.ts); the tests read the database
    // as soon as the answer arrives, so this stand-in for Next.js answers once the callback is applied.
    await callbacksApplied();
    res
      .writeHead(response.status, Object.fromEntries(response.headers))
      .end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    res.writeHead(599, { "content-type": "text/plain" }).end(e instanceof Error ? e.message : String(e));
  }
}

export async function startPaymentsHarness(
  emulatorOptions: Partial<EmulatorOptions> = {},
  { smsDeliveryReports = false } = {},
): Promise<Harness> {
  const { server, url: bridgeUrl } = await startBridge();
  // Prompts stay open until a test settles them: no stray 1037 callback lands in a later test. Success
  // callbacks come in Daraja's varied forms, the same on every run. With smsDeliveryReports, the SMS
  // stand-in reports each accepted SMS to our delivery report route.
  const emulator = await startEmulator({
    port: 0,
    quiet: true,
    promptTimeoutMs: 600_000,
    callbackVarietySeed: 20261129,
    smsDeliveryUrl: smsDeliveryReports
      ? `${bridgeUrl}/api/notifications/sms-delivery/${HARNESS_DELIVERY_TOKEN}`
      : null,
    smsDeliveryDelayMs: 500,
    ...emulatorOptions,
  });
  clock.reset();
  configurePayments({
    daraja: createDarajaClient({ ...env.mpesa, env: "emulator", baseUrl: emulator.url, timeoutMs: 1500 }),
    callbackBaseUrl: bridgeUrl,
    now: clock.now,
  });
  // Paid orders queue messages: they go to this emulator's inbox, never to a developer's running one.
  configureNotifications({
    ...localGateways(emulator),
    deliveryReportToken: smsDeliveryReports ? HARNESS_DELIVERY_TOKEN : undefined,
    now: clock.now,
  });
  const defaults = { ...payments() };
  return {
    emulator,
    bridgeUrl,
    defaults,
    async stop() {
      // A drain a test's last payment kicked may still be sending: let it finish while the gateways are up,
      // so it neither fails against a stopped emulator nor logs after the test file has ended.
      await Promise.race([drainQuietly(), new Promise((resolve) => setTimeout(resolve, 8_000))]);
      await emulator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Hooks for a test file: empty database and a started harness before all; faults, rules, clock and context undone after each. */
export function withPaymentsHarness(options: { smsDeliveryReports?: boolean } = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    await resetShop({ seed: false });
    Object.assign(harness, await startPaymentsHarness({}, options));
  });
  afterEach(() => {
    harness.emulator.control.clearFaults();
    harness.emulator.control.clearRules();
    clock.reset();
    configurePayments(harness.defaults);
  });
  afterAll(() => harness.stop());
  return harness;
}

let phoneSeq = randomInt(1_000_000);
/** A phone number no other test uses: the emulator answers 17 to the same amount from one phone within 2 min. */
export function freshPhone(): string {
  phoneSeq = (phoneSeq + 1) % 100_000_000;
  return `2547${String(phoneSeq).padStart(8, "0")}`;
}

export async function createProduct({ stock, priceKes = 500 }: { stock: number; priceKes?: number }) {
  const category = await prisma.category.upsert({
    where: { slug: "test-payments" },
    update: {},
    create: { slug: "test-payments", name: "Payments tests" },
  });
  const slug = `item-${randomBytes(6).toString("hex")}`;
  const product = await prisma.product.create({
    data: {
      slug,
      name: `Item ${slug}`,
      description: "For payment tests",
      priceKes,
      imageUrl: "/products/test.jpg",
      categoryId: category.id,
      variants: { create: { stock } },
    },
    include: { variants: true },
  });
  return { ...product, variantId: product.variants[0]!.id };
}

/**
 * A dress in Red and Blue, sizes M and L: four variants with the stocks given by title ("Red / M"), the
 * rest 0. Red / L costs its own price; the others the product's.
 */
export async function createDress(stocks: Record<string, number>, priceKes = 2500) {
  const category = await prisma.category.upsert({
    where: { slug: "test-payments" },
    update: {},
    create: { slug: "test-payments", name: "Payments tests" },
  });
  const slug = `dress-${randomBytes(6).toString("hex")}`;
  const combos = ["Red", "Blue"].flatMap((c) => ["M", "L"].map((s) => [c, s]));
  const product = await prisma.product.create({
    data: {
      slug,
      name: "Ankara dress",
      description: "For variant tests",
      priceKes,
      imageUrl: "/products/test.jpg",
      categoryId: category.id,
      options: {
        create: [
          { name: "Colour", values: ["Red", "Blue"], position: 0 },
          { name: "Size", values: ["M", "L"], position: 1 },
        ],
      },
      variants: {
        create: combos.map((values, position) => ({
          title: values.join(" / "),
          optionValues: values,
          position,
          stock: stocks[values.join(" / ")] ?? 0,
          sku: `${slug}-${values.join("-")}`,
          priceKes: values.join(" / ") === "Red / L" ? priceKes + 300 : null,
        })),
      },
    },
    include: { variants: true },
  });
  const variant = (title: string) => product.variants.find((v) => v.title === title)!;
  return { ...product, variant };
}

/** Checks out one product (its first variant); picked up at the shop (free) unless a delivery choice is given. */
export async function checkout(
  productId: string,
  phone: string,
  {
    quantity = 1,
    clientIp = null as string | null,
    delivery = { key: PICKUP_KEY, seenFeeKes: 0 } as DeliveryChoice,
    paymentMethod = "MPESA_NOW" as "MPESA_NOW" | "ON_DELIVERY",
  } = {},
) {
  return startCheckout({
    paymentMethod,
    lines: [{ variantId: await variantOf(productId), quantity }],
    customerName: "Wanjiru Test",
    phone,
    delivery,
    clientIp,
    checkoutKey: randomBytes(12).toString("hex"),
  });
}

/** Checks out and insists it worked: the order, its first attempt and the prompt's CallBackURL token. */
export async function checkoutOk(
  harness: Harness,
  productId: string,
  phone: string,
  options?: Parameters<typeof checkout>[2],
) {
  const result = await checkout(productId, phone, options);
  if (!result.ok) throw new Error(`checkout refused: ${result.message}`);
  const order = await readOrder(result.publicId);
  return { publicId: result.publicId, order, attempt: order.attempts[0]!, token: tokenOf(harness, phone) };
}

/** How many STK pushes the emulator has received so far. */
export function pushCount(harness: Harness): number {
  return harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpush/v1/processrequest").length;
}

/** The raw callback token of the phone's latest prompt, from the CallBackURL the emulator received. */
export function tokenOf(harness: Harness, phone: string): string | null {
  const entries = harness.emulator.control.ledger(phone).entries;
  const url = entries.at(-1)?.callbackUrl;
  return url ? url.slice(url.lastIndexOf("/") + 1) : null;
}

/** The order, its items and attempts, and `attentionReason`: its flags' notes, oldest first, one a line. */
export async function readOrder(publicId: string) {
  const order = await prisma.order.findUniqueOrThrow({
    where: { publicId },
    include: {
      items: true,
      attempts: { orderBy: { createdAt: "asc" }, include: { callbacks: { orderBy: { receivedAt: "asc" } } } },
      events: { where: { kind: "FLAGGED" }, orderBy: [{ at: "asc" }, { seq: "asc" }] },
    },
  });
  const notes = order.events.map((e) => e.note ?? "");
  return { ...order, attentionReason: notes.length > 0 ? notes.join("\n") : null };
}

/** A product's stock: the sum over its variants. */
export async function stockOf(productId: string) {
  const { _sum } = await prisma.productVariant.aggregate({ where: { productId }, _sum: { stock: true } });
  return _sum.stock ?? 0;
}

/** The variant a test product sells (createProduct makes one). */
export async function variantOf(productId: string) {
  return (await prisma.productVariant.findFirstOrThrow({ where: { productId } })).id;
}

/** Polls until check returns a value other than undefined/false; no fixed sleeps. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, what = "condition" } = {},
): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null)
      return value as Exclude<T, false | undefined | null>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The emulator's delivery (or drop) of the callback for a CheckoutRequestID. */
export function waitForDelivery(harness: Harness, checkoutRequestId: string) {
  return waitFor(
    () => harness.emulator.control.deliveries().find((d) => d.checkoutRequestId === checkoutRequestId),
    {
      what: `callback for ${checkoutRequestId}`,
    },
  );
}

/** POSTs a body to our callback URL over HTTP, as Daraja would. */
export async function postCallback(
  harness: Harness,
  token: string,
  body: string | Uint8Array<ArrayBuffer> | StkCallbackBody,
) {
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const response = await fetch(`${harness.bridgeUrl}/api/payments/callback/${token}`, {
    method: "POST",
    headers: { "content-type": "application/json", Businessshortcode: "174379" },
    body: payload,
  });
  return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
}

/** A callback in Daraja's shape (docs/daraja.md section 3). */
export function callbackBody(
  ids: { checkoutRequestId: string; merchantRequestId?: string | null },
  result: { code: number | string; amount?: number; receipt?: string; phone?: string },
): StkCallbackBody {
  const stkCallback: StkCallbackBody["Body"]["stkCallback"] = {
    MerchantRequestID: ids.merchantRequestId ?? "29115-34620561-1",
    CheckoutRequestID: ids.checkoutRequestId,
    ResultCode: result.code,
    ResultDesc:
      result.code === 0 ? "The service request is processed successfully." : "Request cancelled by user",
  };
  if (result.code === 0) {
    stkCallback.CallbackMetadata = {
      Item: [
        { Name: "Amount", Value: result.amount ?? 0 },
        { Name: "MpesaReceiptNumber", Value: result.receipt ?? newReceipt() },
        { Name: "Balance" },
        { Name: "TransactionDate", Value: 20260919102115 },
        { Name: "PhoneNumber", Value: Number(result.phone ?? "254708374149") },
      ],
    };
  }
  return { Body: { stkCallback } };
}

const RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
export function newReceipt(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return s;
}

export async function callbackEvents(attemptId: string) {
  return prisma.callbackEvent.findMany({ where: { attemptId }, orderBy: { receivedAt: "asc" } });
}
