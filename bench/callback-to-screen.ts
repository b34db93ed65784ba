// npm run bench:screen: in Chromium, the time from the emulator sending a payment's callback to the
// shopper's open order page showing "Payment received", over BENCH_PAYMENTS (default 50) payments per row on
// the production build: the page on its event stream, on polling alone (stream blocked), and both again with
// the page served by a SECOND `next start` on the same database (the callback lands on the first). Baselines
// from the same run: the callback POST's own round trip, and loading an already paid order's page. Then 500
// shoppers waiting at once on one instance: memory per stream, database connections, CPU while idle.
// Prints figures; never fails on time.
import { chromium } from "@playwright/test";
import { prisma } from "@/lib/db";
import { checkout, createProduct, freshPhone } from "@/tests/reliability/support/shop";
import { startStack } from "@/tests/reliability/support/stack";
import { type Row, machine, printTable } from "./support/stats";
import { holdStreams } from "./support/streams";

const PAYMENTS = Math.max(20, Number(process.env.BENCH_PAYMENTS ?? 50));
const WAITING_SHOPPERS = Number(process.env.BENCH_STREAMS ?? 500);
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const appPort = Number(process.env.BENCH_APP_PORT ?? 3300);

const stack = await startStack({
  appPort,
  emulatorPort: Number(process.env.BENCH_EMULATOR_PORT ?? 4310),
  build: process.argv.includes("--build"),
  emulator: { promptTimeoutMs: 3_600_000 },
});
const second = await stack.anotherInstance(Number(process.env.BENCH_APP2_PORT ?? appPort + 1));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: FLAGS,
});
const product = await createProduct({ stock: 1_000_000, priceKes: 990 });

/** PAYMENTS payments with the order page served from `pageBase`; the stream blocked when asked. */
async function measure(pageBase: string, blockStream: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (blockStream) await page.route(/\/events$/, (route) => route.abort());
  const toScreen: number[] = [];
  const post: number[] = [];
  const paidLoad: number[] = [];
  let stuck = 0;
  for (let i = -2; i < PAYMENTS; i++) {
    const result = await checkout(product.id, freshPhone());
    if (!result.ok) throw new Error(result.message);
    const order = await prisma.order.findUniqueOrThrow({
      where: { publicId: result.publicId },
      include: { attempts: true },
    });
    await page.goto(`${pageBase}/orders/${result.publicId}`);
    await page.getByText("Check your phone").waitFor();
    await page.locator(`[data-live=${blockStream ? "poll" : "stream"}]`).waitFor();
    // The browser stamps the moment the text appears (same machine clock as ours).
    // A string, not a function: tsx's name helpers do not exist in the page.
    const shown = page.evaluate<number>(`new Promise((resolve) => {
      const seen = () => document.body.innerText.includes("Payment received");
      if (seen()) return resolve(Date.now());
      new MutationObserver((_, o) => { if (seen()) { o.disconnect(); resolve(Date.now()); } })
        .observe(document.body, { subtree: true, childList: true, characterData: true });
    })`);
    const sent = Date.now();
    const delivery = await stack.emulator.control.pay(order.attempts[0]!.checkoutRequestId!);
    // Guard: a page that never shows it is counted, not waited on forever.
    const at = await Promise.race([
      shown,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000)),
    ]);
    if (at === null) {
      stuck++;
      continue;
    }
    const t0 = Date.now();
    await page.goto(`${pageBase}/orders/${result.publicId}`);
    await page.getByText("Payment received").waitFor();
    if (i < 0) continue; // warm-up
    toScreen.push(at - sent);
    post.push(delivery.latencyMs);
    paidLoad.push(Date.now() - t0);
  }
  await context.close();
  return { toScreen, post, paidLoad, stuck };
}

try {
  const rows: Row[] = [];
  const notes: string[] = [];
  const runs = [
    { name: "stream", base: stack.app.url, block: false },
    { name: "polling only (stream blocked)", base: stack.app.url, block: true },
    { name: "stream, page on a 2nd instance", base: second.url, block: false },
    { name: "polling only, page on a 2nd instance", base: second.url, block: true },
  ];
  // --streams-only: just the 500 waiting shoppers.
  for (const run of process.argv.includes("--streams-only") ? [] : runs) {
    const r = await measure(run.base, run.block);
    if (rows.length === 0) {
      rows.push({ name: "baseline: callback POST round trip", samples: r.post });
      rows.push({ name: "baseline: load a paid order's page", samples: r.paidLoad });
    }
    rows.push({ name: `callback sent -> "Payment received": ${run.name}`, samples: r.toScreen });
    if (r.stuck) notes.push(`${run.name}: ${r.stuck} payments not shown within 15 s (not in the figures)`);
  }
  if (rows.length)
    printTable(`Callback to screen: ${PAYMENTS} payments per row, Chromium on the production build`, rows);
  for (const note of notes) console.log(note);

  const held = await holdStreams(
    stack.app,
    WAITING_SHOPPERS,
    async () => {
      const result = await checkout(product.id, freshPhone());
      if (!result.ok) throw new Error(result.message);
      return result.publicId;
    },
    () => stack.emulator.control.log().filter((c) => c.path === "/mpesa/stkpushquery/v1/query").length,
  );
  console.log(`\n${WAITING_SHOPPERS} shoppers waiting at once on one instance (${held.mode})`);
  for (const [what, value] of Object.entries(held.figures)) console.log(`  ${what}: ${value}`);
  console.log(`\nMachine: ${await machine(prisma)}, Chromium ${browser.version()}`);
} finally {
  await browser.close();
  await stack.stop();
  await prisma.$disconnect();
}
