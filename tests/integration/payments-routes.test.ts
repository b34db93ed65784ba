/** The status endpoint the order page polls, and the cron route that settles abandoned pages. */
import "./support/embedded-db-pool";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as cronGet } from "@/app/api/cron/reconcile/route";
import { GET as statusGet } from "@/app/api/orders/[publicId]/route";
import { prisma } from "@/lib/db";
import {
  callbackBody,
  callbackEvents,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
afterEach(() => vi.unstubAllEnvs());

const VIEW_FIELDS = [
  "canRetry",
  "createdAt",
  "customerName",
  "delivery",
  "discount",
  "failureMessage",
  "items",
  "paidAt",
  "paidInCash",
  "payByHand",
  "payOnDelivery",
  "phoneMasked",
  "progress",
  "promptExpiresAt",
  "publicId",
  "receipt",
  "receivedKes",
  "reference",
  "refunds",
  "retryAvailableAt",
  "serverTime",
  "state",
  "totalKes",
].sort();

async function status(publicId: string) {
  const response = await statusGet(
    new Request(`http://shop.test/api/orders/${encodeURIComponent(publicId)}`),
    { params: Promise.resolve({ publicId }) },
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as Record<string, unknown>,
  };
}

describe("GET /api/orders/<publicId>", () => {
  it("returns only the documented OrderView fields, and nothing the page does not show", async () => {
    const product = await createProduct({ stock: 3, priceKes: 1110 });
    const phone = freshPhone();
    const { publicId, order } = await checkoutOk(harness, product.id, phone, { quantity: 2 });
    const answer = await status(publicId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(answer.json).sort()).toEqual(VIEW_FIELDS);
    expect(answer.json).toMatchObject({
      publicId,
      reference: order.reference,
      state: "waiting",
      totalKes: 2220,
      discount: null,
      paidAt: null,
      receipt: null,
      canRetry: false,
    });
    expect(answer.json.items).toEqual([{ name: product.name, quantity: 2, unitPriceKes: 1110 }]);
    expect(answer.json.phoneMasked).toMatch(/\d{3}$/);
    expect(answer.json.delivery).toMatchObject({ method: "PICKUP", feeKes: 0 });
    const attempt = order.attempts[0]!;
    for (const secret of [
      phone,
      phone.slice(3),
      order.id,
      attempt.id,
      attempt.callbackToken,
      attempt.checkoutRequestId!,
      attempt.merchantRequestId!,
      product.id,
    ]) {
      expect(answer.text).not.toContain(secret);
    }

    await harness.emulator.control.pay(phone);
    const paid = await status(publicId);
    expect(Object.keys(paid.json).sort()).toEqual(VIEW_FIELDS);
    expect(paid.json).toMatchObject({
      state: "paid",
      receipt: (await readOrder(publicId)).mpesaReceipt,
      canRetry: false,
      failureMessage: null,
    });
  });

  it("never calls a payment failed while its success is still being applied", async () => {
    const product = await createProduct({ stock: 3, priceKes: 1115 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    // The moment between the attempt's and the order's update (a reader without a snapshot saw this).
    await prisma.paymentAttempt.update({ where: { id: attempt.id }, data: { status: "SUCCEEDED" } });
    expect((await status(publicId)).json).toMatchObject({ state: "waiting", failureMessage: null });
    await harness.emulator.control.cancel(phone);
    // Out of the way of the expiry test below: this order's state was made up.
    await prisma.order.update({ where: { publicId }, data: { status: "CANCELLED" } });
  });

  it("answers 404 for unknown or malformed ids", async () => {
    for (const id of [
      "AAAAAAAAAAAAAAAAAAAAAA",
      "a",
      "../../etc/passwd",
      "x".repeat(65),
      "DK-ABCDEF",
      "' OR 1=1 --",
      "",
    ]) {
      const answer = await status(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json).toEqual({ error: "Order not found" });
    }
    // The short reference is not a way in either.
    const product = await createProduct({ stock: 2, priceKes: 1120 });
    const { order } = await checkoutOk(harness, product.id, freshPhone());
    expect((await status(order.reference)).status).toBe(404);
  });

  it("settles an overdue attempt by STK query when polled (the page left open, the callback lost)", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1130 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.cancel(phone);
    expect((await status(publicId)).json.state).toBe("waiting");
    clock.advance(61);
    const settled = await status(publicId);
    expect(settled.json).toMatchObject({ state: "failed", canRetry: true });
    expect(settled.json.failureMessage).toMatch(/cancelled/i);
    // Polled again at once: no second query.
    await status(publicId);
    expect(
      harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpushquery/v1/query"),
    ).toHaveLength(1);
  });
});

describe("POST /api/payments/callback/<token> with MPESA_CALLBACK_IPS", () => {
  it("records but does not apply a callback from an address outside the allowlist; Vercel's forwarded-for decides", async () => {
    vi.stubEnv("MPESA_CALLBACK_IPS", "196.201.214.200, 196.201.214.206");
    vi.stubEnv("VERCEL", "1");
    vi.resetModules();
    const { POST } = await import("@/app/api/payments/callback/[token]/route");
    const { configurePayments } = await import("@/lib/payments/shared/context");
    // The fresh module graph's own: it applies what this POST acknowledged.
    const { callbacksApplied } = await import("@/lib/payments/stk/apply-after-ack");
    configurePayments(harness.defaults);
    const product = await createProduct({ stock: 2, priceKes: 1160 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const body = JSON.stringify(
      callbackBody({ checkoutRequestId: attempt.checkoutRequestId! }, { code: 0, amount: 1160, phone }),
    );
    const send = (forwardedFor: string) =>
      POST(
        new Request(`http://shop.test/api/payments/callback/${token}`, {
          method: "POST",
          body,
          headers: { "x-vercel-forwarded-for": forwardedFor, "x-forwarded-for": "196.201.214.200" },
        }),
        {
          params: Promise.resolve({ token: token! }),
        },
      );

    const forged = await send("203.0.113.7, 196.201.214.200");
    expect(forged.status).toBe(200);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    const [rejected] = await callbackEvents(attempt.id);
    expect(rejected).toBeUndefined(); // refused before the token was even looked up: recorded without an attempt
    expect(
      await prisma.callbackEvent.count({ where: { sourceIp: "203.0.113.7", verdict: "REJECTED" } }),
    ).toBe(1);

    const fromSafaricom = await send("196.201.214.206");
    expect(fromSafaricom.status).toBe(200);
    await callbacksApplied();
    expect((await readOrder(publicId)).status).toBe("PAID");
  });
});

describe("POST /api/payments/callback/<token> with MPESA_CALLBACK_IPS, off Vercel and with no trusted proxy", () => {
  it("judges the socket's address: a forged X-Forwarded-For naming Safaricom is not applied", async () => {
    vi.stubEnv("MPESA_CALLBACK_IPS", "196.201.214.200");
    vi.resetModules();
    const { POST } = await import("@/app/api/payments/callback/[token]/route");
    const { configurePayments } = await import("@/lib/payments/shared/context");
    const { peerAddressHeader, stampPeerAddresses } = await import("@/lib/http/peer-address");
    const { callbacksApplied } = await import("@/lib/payments/stk/apply-after-ack");
    stampPeerAddresses();
    configurePayments(harness.defaults);
    const product = await createProduct({ stock: 2, priceKes: 1170 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const body = JSON.stringify(
      callbackBody({ checkoutRequestId: attempt.checkoutRequestId! }, { code: 0, amount: 1170, phone }),
    );
    const send = (socket: string) =>
      POST(
        new Request(`http://shop.test/api/payments/callback/${token}`, {
          method: "POST",
          body,
          headers: {
            [peerAddressHeader()!]: socket,
            "x-forwarded-for": "196.201.214.200",
            "x-real-ip": "196.201.214.200",
            "x-vercel-forwarded-for": "196.201.214.200",
          },
        }),
        { params: Promise.resolve({ token: token! }) },
      );

    expect((await send("127.0.0.1")).status).toBe(200);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    expect(await prisma.callbackEvent.count({ where: { sourceIp: "127.0.0.1", verdict: "REJECTED" } })).toBe(
      1,
    );

    expect((await send("196.201.214.200")).status).toBe(200);
    await callbacksApplied();
    expect((await readOrder(publicId)).status).toBe("PAID");
  });
});

describe("GET /api/cron/reconcile", () => {
  it("runs without a secret outside production when CRON_SECRET is unset (the test environment)", async () => {
    expect(process.env.CRON_SECRET ?? "").toBe("");
    expect(process.env.NODE_ENV).toBe("test");
    const product = await createProduct({ stock: 2, priceKes: 1140 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.pay(phone);
    clock.advance(61);
    const response = await cronGet(new Request("http://shop.test/api/cron/reconcile"));
    expect(response.status).toBe(200);
    // Earlier tests' prompts are still open: those queries answer "pending".
    expect(await response.json()).toMatchObject({ answers: { "final 0": 1 }, expired: 0 });
    expect((await readOrder(publicId)).status).toBe("PAID");
  });

  it("answers 401 without the right bearer secret when CRON_SECRET is set", async () => {
    vi.stubEnv("CRON_SECRET", "cron-secret-for-tests-0123456789");
    vi.resetModules();
    const { GET } = await import("@/app/api/cron/reconcile/route");
    const { configurePayments } = await import("@/lib/payments/shared/context");
    configurePayments(harness.defaults);
    const call = (authorization?: string) =>
      GET(
        new Request("http://shop.test/api/cron/reconcile", {
          headers: authorization ? { authorization } : {},
        }),
      );

    for (const wrong of [
      undefined,
      "Bearer",
      "Bearer nope",
      "Bearer cron-secret-for-tests-012345678",
      "cron-secret-for-tests-0123456789",
      "Basic cron-secret-for-tests-0123456789",
    ]) {
      const response = await call(wrong);
      expect(response.status, String(wrong)).toBe(401);
      expect(await response.json()).toEqual({ error: "Unauthorized" });
    }
    const ok = await call("Bearer cron-secret-for-tests-0123456789");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ queried: expect.any(Number), expired: expect.any(Number) });
  });

  it("expires orders past their reservation", async () => {
    const product = await createProduct({ stock: 2, priceKes: 1150 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    await harness.emulator.control.cancel(phone);
    clock.advance(16 * 60);
    const response = await cronGet(new Request("http://shop.test/api/cron/reconcile"));
    // Earlier tests' failed orders may fall due in the same sweep (how many depends on how long they took).
    expect((await response.json()).expired).toBeGreaterThanOrEqual(1);
    expect((await readOrder(publicId)).status).toBe("EXPIRED");
    expect(await stockOf(product.id)).toBe(2);
  });
});
