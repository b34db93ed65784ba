// npm run bench:screen: in Chromium, the time from the emulator sending a payment's callback to the
// shopper's open order page showing "Payment received" (the page polls every 1.5 s while waiting), over
// BENCH_PAYMENTS (default 20) payments on the production build. Baselines from the same run: the callback
// POST's own round trip, and loading the order page of an already paid order until it shows the same text.
// Prints figures; never fails on time.
import { chromium } from "@playwright/test";
import { prisma } from "@/lib/db";
import { checkout, createProduct, freshPhone } from "@/tests/reliability/support/shop";
import { startStack } from "@/tests/reliability/support/stack";
import { machine, printTable } from "./support/stats";

const PAYMENTS = Math.max(20, Number(process.env.BENCH_PAYMENTS ?? 20));
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const stack = await startStack({
  appPort: Number(process.env.BENCH_APP_PORT ?? 3300),
  emulatorPort: Number(process.env.BENCH_EMULATOR_PORT ?? 4310),
  build: process.argv.includes("--build"),
  emulator: { promptTimeoutMs: 3_600_000 },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: FLAGS,
});
try {
  const page = await browser.newPage();
  const product = await createProduct({ stock: 1_000_000, priceKes: 990 });
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
    await page.goto(`${stack.app.url}/orders/${result.publicId}`);
    await page.getByText("Check your phone").waitFor();
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
      console.log(
        `payment ${i}: page still shows ${JSON.stringify(await page.locator("h2").allInnerTexts())}`,
      );
      continue;
    }
    const t0 = Date.now();
    await page.goto(`${stack.app.url}/orders/${result.publicId}`);
    await page.getByText("Payment received").waitFor();
    if (i < 0) continue; // warm-up
    toScreen.push(at - sent);
    post.push(delivery.latencyMs);
    paidLoad.push(Date.now() - t0);
  }
  printTable(
    `Callback to screen: ${PAYMENTS} payments, Chromium on the production build (order page polls every 1.5 s)`,
    [
      { name: "baseline: callback POST round trip", samples: post },
      { name: "baseline: load a paid order's page", samples: paidLoad },
      { name: 'callback sent -> "Payment received"', samples: toScreen },
    ],
  );
  if (stuck)
    console.log(`\n${stuck} payments did not show "Payment received" within 15 s (not in the figures)`);
  console.log(`\nMachine: ${await machine(prisma)}, Chromium ${browser.version()}`);
} finally {
  await browser.close();
  await stack.stop();
  await prisma.$disconnect();
}
