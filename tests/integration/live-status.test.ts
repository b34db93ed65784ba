/**
 * The live order status stream (GET /api/orders/<id>/events): what it sends, how fast a change reaches a
 * shopper whose stream lives on ANOTHER app instance (its own process and database connections), and that it
 * still settles overdue payments when the shopper holds only a stream.
 */
import "./support/embedded-db-pool";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as eventsGet } from "@/app/api/orders/[publicId]/events/route";
import { GET as statusGet } from "@/app/api/orders/[publicId]/route";
import { retryPayment } from "@/lib/payments/stk/retry";
import { onEmbeddedDatabase } from "./support/embedded-db-pool";
import { openEvents } from "./support/event-stream";
import {
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  readOrder,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

type Instance = { url: string; process: ChildProcess };

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/integration/support/second-instance.ts"],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`second instance exited ${code}`)));
  });
  return { url, process: child };
}

const viewOf = async (publicId: string) => {
  const response = await statusGet(new Request(`http://shop.test/api/orders/${publicId}`), {
    params: Promise.resolve({ publicId }),
  });
  return (await response.json()) as Record<string, unknown>;
};
const withoutClock = (view: Record<string, unknown>) => ({ ...view, serverTime: undefined });

describe.each([
  {
    how: "LISTEN/NOTIFY (polling where LISTEN is unavailable)",
    env: { LIVE_LISTEN: "on" },
    forcedOff: false,
  },
  { how: "the 250 ms poll, LISTEN forced off", env: { LIVE_LISTEN: "off" }, forcedOff: true },
])("on a second app instance, via $how", ({ env, forcedOff }) => {
  let other: Instance;
  beforeAll(async () => {
    other = await startInstance(env);
  }, 60_000);
  afterAll(() => {
    other.process.kill("SIGTERM");
  });

  it("sends the status endpoint's JSON at connect, the payment within 1 s of its commit, then ends", async () => {
    const product = await createProduct({ stock: 5, priceKes: 640 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    const stream = await openEvents(`${other.url}/api/orders/${publicId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const first = await stream.next();
    expect(first).not.toBe("end");
    expect(withoutClock(first as Record<string, unknown>)).toEqual(withoutClock(await viewOf(publicId)));
    expect(await (await fetch(`${other.url}/mode`)).text()).toBe(
      onEmbeddedDatabase || forcedOff ? "poll" : "listen",
    );

    await harness.emulator.control.pay(phone); // resolves once our callback route answered: committed
    const committedAt = Date.now();
    const paid = await stream.next(1_000);
    expect(Date.now() - committedAt).toBeLessThan(1_000);
    expect(paid).toMatchObject({ state: "paid", receipt: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    expect(withoutClock(paid as Record<string, unknown>)).toEqual(withoutClock(await viewOf(publicId)));
    expect(await stream.next()).toBe("end");
  });

  it("follows a failure, the retry and its payment on one connection", async () => {
    const product = await createProduct({ stock: 5, priceKes: 650 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    const stream = await openEvents(`${other.url}/api/orders/${publicId}/events`);
    expect(await stream.next()).toMatchObject({ state: "waiting" });
    await harness.emulator.control.cancel(phone);
    expect(await stream.next(1_000)).toMatchObject({ state: "failed", canRetry: true });
    expect(await retryPayment(publicId)).toEqual({ ok: true });
    expect(await stream.next(1_000)).toMatchObject({ state: "waiting" });
    await harness.emulator.control.pay(phone);
    // The retry's own push answer may show first (prompt countdown); the payment follows on the same stream.
    let event = await stream.next(1_000);
    while (event !== "end" && event.state === "waiting") event = await stream.next(1_000);
    expect(event).toMatchObject({ state: "paid" });
    expect(await stream.next()).toBe("end");
  });
});

describe("the stream's lifetime", () => {
  let short: Instance;
  beforeAll(async () => {
    short = await startInstance({ LIVE_STREAM_SECONDS: "5" });
  }, 60_000);
  afterAll(() => {
    short.process.kill("SIGTERM");
  });

  it("ends itself after LIVE_STREAM_SECONDS, before the platform's time limit, for the browser to reconnect", async () => {
    const product = await createProduct({ stock: 5, priceKes: 670 });
    const { publicId } = await checkoutOk(harness, product.id, freshPhone());
    const opened = Date.now();
    const stream = await openEvents(`${short.url}/api/orders/${publicId}/events`);
    expect(await stream.next()).toMatchObject({ state: "waiting" });
    expect(await stream.next(8_000)).toBe("end");
    expect(Date.now() - opened).toBeGreaterThanOrEqual(4_900);
  });
});

describe("GET /api/orders/<publicId>/events on this instance", () => {
  // The stream settles through the status endpoint at its own request's origin: shop.test is unreachable,
  // so these streams settle in place.
  const events = (publicId: string, origin = "http://shop.test") =>
    eventsGet(new Request(`${origin}/api/orders/${encodeURIComponent(publicId)}/events`), {
      params: Promise.resolve({ publicId }),
    });

  /** A prompt paid whose callback was lost, past the 60 s wait: the states one stream then sends. */
  async function followLostCallback(origin?: string) {
    const product = await createProduct({ stock: 5, priceKes: 660 });
    const phone = freshPhone();
    const { publicId } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    expect((await harness.emulator.control.pay(phone)).error).toBe("dropped by fault");
    clock.advance(61);
    const response = await events(publicId, origin);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += part.value;
    return { publicId, states: [...text.matchAll(/"state":"(\w+)"/g)].map((m) => m[1]) };
  }

  const queries = () =>
    harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpushquery/v1/query");

  it("refuses unknown and malformed ids exactly as the status endpoint does", async () => {
    for (const publicId of ["unknown-order-id-123", "short", "bad id with spaces!", "x".repeat(65)]) {
      const stream = await events(publicId);
      const status = await statusGet(new Request(`http://shop.test/api/orders/x`), {
        params: Promise.resolve({ publicId }),
      });
      expect(stream.status).toBe(404);
      expect(stream.status).toBe(status.status);
      expect(await stream.text()).toBe(await status.text());
    }
  });

  it("settles an overdue payment when the shopper holds only the stream (the callback was lost)", async () => {
    const { publicId, states } = await followLostCallback();
    expect(states).toEqual(["waiting", "paid"]);
    expect((await readOrder(publicId)).status).toBe("PAID");
    expect(queries()).toHaveLength(1);
  });

  it("settles in place when something in front of the app refuses the stream's status request", async () => {
    // As Vercel's Deployment Protection answers a preview's own request, which carries no login.
    const gate = createServer((_request, response) => response.writeHead(401).end("Authentication Required"));
    await new Promise<void>((resolve) => gate.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = gate.address() as AddressInfo;
      const before = queries().length;
      const { publicId, states } = await followLostCallback(`http://127.0.0.1:${port}`);
      expect(states).toEqual(["waiting", "paid"]);
      expect((await readOrder(publicId)).status).toBe("PAID");
      expect(queries().length - before).toBe(1);
    } finally {
      gate.close();
    }
  });
});
