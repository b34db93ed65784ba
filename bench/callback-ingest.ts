// npm run bench:callbacks: autocannon POSTing valid, distinct success callbacks for pending attempts at the
// production build's callback route (each is stored and acknowledged, then applied after the answer: the
// bench also waits for the last to be applied and prints that rate), next to two
// baselines measured in the same run: a bare node:http server answering 200 (the machine and autocannon's
// ceiling) and one of the app's own route handlers that does no I/O (GET /api/orders/x answers 404 before
// touching the database: Next's routing and response cost). No bench-only route ships to production.
// BENCH_CALLBACKS (default 5000) requests per target, 32 connections. Prints figures; never fails on time.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { prisma } from "@/lib/db";
import { hashToken, newOrderReference, newPublicId } from "@/lib/payments/shared/identifiers";
import { successBody } from "@/tests/reliability/scenarios/forgery";
import { callbacksApplied, createProduct } from "@/tests/reliability/support/shop";
import { startStack } from "@/tests/reliability/support/stack";
import { machine, printTable, type Row } from "./support/stats";

const N = Number(process.env.BENCH_CALLBACKS ?? 5000);
const CONNECTIONS = 32;
const BASELINE_PORT = 3309;

/** Pending attempts straight in the database (fast to make by the thousand); returns their raw tokens. */
async function seedPending(count: number) {
  const product = await createProduct({ stock: 1_000_000, priceKes: 420 });
  const rows = Array.from({ length: count }, () => ({
    orderId: randomUUID(),
    token: randomBytes(24).toString("hex"),
    crid: `ws_CO_BENCH${randomBytes(8).toString("hex")}`,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await prisma.order.createMany({
      data: chunk.map((r) => ({
        id: r.orderId,
        publicId: newPublicId(),
        reference: `${newOrderReference()}${randomBytes(2).toString("hex").toUpperCase()}`,
        customerName: "Bench",
        phone: "254708374149",
        totalKes: 420,
        reservedUntil: new Date(Date.now() + 3600_000),
      })),
    });
    await prisma.orderItem.createMany({
      data: chunk.map((r) => ({
        orderId: r.orderId,
        productId: product.id,
        variantId: product.variantId,
        name: product.name,
        unitPriceKes: 420,
        quantity: 1,
      })),
    });
    await prisma.paymentAttempt.createMany({
      data: chunk.map((r) => ({
        orderId: r.orderId,
        phone: "254708374149",
        amountKes: 420,
        callbackToken: hashToken(r.token),
        checkoutRequestId: r.crid,
      })),
    });
  }
  return rows.map((r) => ({ ...r, body: successBody(r.crid, 420) }));
}

/** How many callbacks received since then are applied, once none is left waiting (callbacksApplied). */
async function appliedSince(since: Date): Promise<number> {
  await callbacksApplied(since);
  return prisma.callbackEvent.count({ where: { receivedAt: { gte: since }, verdict: "APPLIED" } });
}

type Target = { url: string; method: "GET" | "POST"; next: () => { path: string; body?: string } };

function cannon({ url, method, next }: Target, amount: number): Promise<Row> {
  const latencies: number[] = [];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount,
        headers: { "content-type": "application/json", Businessshortcode: "174379" },
        requests: [{ method, setupRequest: (req: Record<string, unknown>) => ({ ...req, ...next() }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          name: "",
          samples: latencies,
          extra: {
            // Whole-run rate from our own clock: autocannon's figures are in whole seconds, too coarse here.
            "req/s": Math.round(result.requests.total / ((performance.now() - started) / 1000)),
            "non-2xx": result.non2xx,
            errors: result.errors + result.timeouts,
          },
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      latencies.push(responseTime),
    );
  });
}

const stack = await startStack({
  appPort: Number(process.env.BENCH_APP_PORT ?? 3300),
  emulatorPort: Number(process.env.BENCH_EMULATOR_PORT ?? 4310),
  build: process.argv.includes("--build"),
});
const baseline = spawn(
  process.execPath,
  [
    "-e",
    `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"ResultCode":0,"ResultDesc":"Accepted"}'); }); }).listen(${BASELINE_PORT}, "127.0.0.1")`,
  ],
  { stdio: "inherit" },
);
try {
  const warm = await seedPending(500);
  const measured = await seedPending(N);
  const queue = (rows: typeof warm) => () => {
    const r = rows.pop()!;
    return { path: `/api/payments/callback/${r.token}`, body: r.body };
  };
  const body = successBody("ws_CO_BASELINE", 420);
  const targets: [string, Target][] = [
    [
      "baseline: bare node:http 200",
      { url: `http://127.0.0.1:${BASELINE_PORT}`, method: "POST", next: () => ({ path: "/", body }) },
    ],
    [
      "baseline: Next route handler, no I/O",
      { url: stack.app.url, method: "GET", next: () => ({ path: "/api/orders/x" }) },
    ],
    [
      "callback, unknown token (record only)",
      {
        url: stack.app.url,
        method: "POST",
        next: () => ({ path: `/api/payments/callback/${randomBytes(24).toString("hex")}`, body }),
      },
    ],
  ];
  // Warm-up: every target, and the callback route on its own pending attempts.
  for (const [, t] of targets) await cannon(t, 500);
  const warmSince = new Date();
  await cannon({ url: stack.app.url, method: "POST", next: queue(warm) }, warm.length);
  await appliedSince(warmSince);

  const rows: Row[] = [];
  for (const [name, t] of targets) rows.push({ ...(await cannon(t, N)), name });
  const since = new Date();
  const started = performance.now();
  rows.push({
    ...(await cannon({ url: stack.app.url, method: "POST", next: queue(measured) }, N)),
    name: "callback, valid success (stored, acknowledged)",
  });
  const acknowledgedS = (performance.now() - started) / 1000;
  // Each one is applied after its acknowledgement: wait until the last is, and report that rate too.
  const applied = await appliedSince(since);
  const appliedS = (performance.now() - started) / 1000;
  printTable(
    `Callback ingest: ${N} requests per row, ${CONNECTIONS} connections (autocannon), production build`,
    rows,
  );
  console.log(
    `\nValid callbacks: all ${N} acknowledged in ${acknowledgedS.toFixed(1)} s; ${applied} of ${N} applied ` +
      `(order paid) ${appliedS.toFixed(1)} s after the first was sent: ${Math.round(applied / appliedS)} applied/s.`,
  );
  console.log(`Machine: ${await machine(prisma)}`);
} finally {
  baseline.kill();
  await stack.stop();
  await prisma.$disconnect();
}
