// npm run bench:checkout: N shoppers at once running the checkout (startCheckout, what the server action
// calls before it redirects: idempotency check, limits, one transaction that re-prices and reserves stock
// and creates the order and attempt, then the STK push to the emulator and recording its answer), all on
// one product as in a flash sale. Baselines from the same run and concurrency: a database round trip
// (SELECT 1) and the STK push alone. The server action's own wrapping (form parsing, cookies, redirect) is
// not included: server actions cannot be called over plain HTTP without Next's action id.
// Each level checks out a product without options and one variant (Red / M) of a product with two options
// (colour and size, four variants), in four alternating rounds so a busy machine weighs on both alike; the
// variant row's last column is its p50 over the plain product's.
// BENCH_SHOPPERS (default 200) per concurrency level and kind. Prints figures; never fails on time.
import { randomBytes } from "node:crypto";
import { startEmulator } from "@/emulator";
import { createDarajaClient } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { configurePayments, payments } from "@/lib/payments/shared/context";
import { checkout, createDress, createProduct, freshPhone, mapLimit } from "@/tests/reliability/support/shop";
import { machine, percentile, printTable, type Row } from "./support/stats";

const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 200);
const LEVELS = [1, 8, 32];

const emulator = await startEmulator({
  port: Number(process.env.BENCH_EMULATOR_PORT ?? 4310),
  quiet: true,
  promptTimeoutMs: 3_600_000,
});
configurePayments({
  daraja: createDarajaClient({ ...env.mpesa, env: "emulator", baseUrl: emulator.url, timeoutMs: 5000 }),
  callbackBaseUrl: "http://127.0.0.1:3300",
  promptsPerPhone: 1_000_000,
  checkoutsPerIp: 1_000_000,
});

async function timed(count: number, concurrency: number, run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  const t0 = performance.now();
  await mapLimit(Array.from({ length: count }), concurrency, async (_, i) => {
    const s = performance.now();
    await run(i);
    samples.push(performance.now() - s);
  });
  const seconds = (performance.now() - t0) / 1000;
  return { samples, seconds, perSecond: Math.round(count / seconds) };
}

const p50 = (samples: number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

try {
  const product = await createProduct({ stock: 10_000_000, priceKes: 1250 });
  const dress = await createDress({ stock: { "Red / M": 10_000_000 }, priceKes: 1250 });
  const kinds = {
    "plain product": () => checkout(product.id, freshPhone()),
    "variant (Red / M of 4)": () =>
      checkout(dress.id, freshPhone(), { variantId: dress.variant("Red / M").id }),
  };
  const push = () =>
    payments().daraja.stkPush({
      phone: freshPhone(),
      amountKes: 1250,
      callbackUrl: `http://127.0.0.1:3300/api/payments/callback/${randomBytes(24).toString("hex")}`,
      accountReference: "DKBENCH",
      description: "Duka order",
    });
  // Warm-up: connections, the OAuth token, the JIT.
  for (const run of Object.values(kinds)) await timed(50, 8, run);
  await timed(50, 8, push);
  const rows: Row[] = [];
  for (const level of LEVELS) {
    const db = await timed(SHOPPERS, level, () => prisma.$queryRawUnsafe("SELECT 1"));
    rows.push({
      name: `baseline: SELECT 1, ${level} at once`,
      samples: db.samples,
      extra: { "per s": db.perSecond },
    });
    const p = await timed(SHOPPERS, level, push);
    rows.push({
      name: `baseline: STK push only, ${level} at once`,
      samples: p.samples,
      extra: { "per s": p.perSecond },
    });
    const samples = new Map<string, { samples: number[]; seconds: number }>();
    for (const round of [0, 1, 2, 3])
      for (const [kind, run] of round % 2 ? Object.entries(kinds).reverse() : Object.entries(kinds)) {
        const c = await timed(SHOPPERS / 4, level, async () => {
          const result = await run();
          if (!result.ok) throw new Error(`checkout refused: ${result.message}`);
        });
        const sum = samples.get(kind) ?? { samples: [], seconds: 0 };
        samples.set(kind, { samples: [...sum.samples, ...c.samples], seconds: sum.seconds + c.seconds });
      }
    const plain = samples.get("plain product")!.samples;
    for (const [kind, s] of samples)
      rows.push({
        name: `checkout to redirect, ${kind}, ${level} at once`,
        samples: s.samples,
        extra: {
          "per s": Math.round(s.samples.length / s.seconds),
          "p50 / plain": kind === "plain product" ? "" : (p50(s.samples) / p50(plain)).toFixed(2),
        },
      });
  }
  printTable(
    `Checkout: ${SHOPPERS} shoppers per level and kind, each kind on one product or variant (flash sale), emulator answering at once`,
    rows,
  );
  console.log(`\nMachine: ${await machine(prisma)}`);
} finally {
  await emulator.stop();
  await prisma.$disconnect();
}
