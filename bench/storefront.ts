// npm run bench:storefront: a production build served from a fresh embedded PostgreSQL with the demo catalog,
// then Lighthouse (mobile, simulated throttling) on the home, category and product pages, and first-load JS
// per route from the build's manifests. Prints figures; never fails on a score or a time.
// BENCH_NO_BUILD=1 reuses .next; LH_RUNS (default 3) runs per page, medians printed; CHROMIUM_PATH overrides;
// BENCH_APP_PORT, BENCH_PG_PORT and BENCH_EMULATOR_PORT move the server, its database and the emulator.
import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { firstLoadJs } from "../scripts/js-budget";
import { startShopServer } from "./support/shop-server";

const PORT = Number(process.env.BENCH_APP_PORT ?? 3300);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.LH_RUNS ?? 3);
const PAGES: [string, string][] = [
  ["home", "/"],
  ["category", "/categories/pantry"],
  ["product", "/products/kenya-aa-coffee-500g"],
  ["product with variants, Red / M chosen", "/products/ankara-wrap-dress/red-m"],
  ["empty cart (baseline: layout only)", "/cart"],
];
// Debian's chromium on a closed network needs these (as in playwright.config.ts).
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const shop = await startShopServer(PORT, BASE);
const chromePath =
  process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  const audit = async (url: string) => {
    const result = await lighthouse(url, {
      port: chrome!.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    if (!result || result.lhr.runtimeError)
      throw new Error(`lighthouse ${url}: ${result?.lhr.runtimeError?.message}`);
    const { categories: c, audits: a } = result.lhr;
    const scriptBytes =
      (
        a["resource-summary"]?.details as
          { items?: { resourceType: string; transferSize: number }[] } | undefined
      )?.items?.find((i) => i.resourceType === "script")?.transferSize ?? 0;
    return {
      perf: (c.performance?.score ?? 0) * 100,
      a11y: (c.accessibility?.score ?? 0) * 100,
      bp: (c["best-practices"]?.score ?? 0) * 100,
      seo: (c.seo?.score ?? 0) * 100,
      fcp: a["first-contentful-paint"]?.numericValue ?? 0,
      lcp: a["largest-contentful-paint"]?.numericValue ?? 0,
      tbt: a["total-blocking-time"]?.numericValue ?? 0,
      cls: a["cumulative-layout-shift"]?.numericValue ?? 0,
      js: scriptBytes / 1024,
    };
  };

  await audit(`${BASE}/`); // warm-up: compiles nothing, but fills the server's and Chromium's caches
  console.log(`\nLighthouse ${RUNS}x per page, mobile (simulated slow 4G, 4x CPU), medians`);
  console.log(`${"page".padEnd(36)} perf a11y  b-p  seo   FCP ms   LCP ms  TBT ms   CLS  JS KB (transfer)`);
  for (const [name, url] of PAGES) {
    const runs: Awaited<ReturnType<typeof audit>>[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(`${BASE}${url}`));
    const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
    console.log(
      `${name.padEnd(36)} ${m("perf").toFixed(0).padStart(4)} ${m("a11y").toFixed(0).padStart(4)} ${m("bp").toFixed(0).padStart(4)}` +
        ` ${m("seo").toFixed(0).padStart(4)} ${m("fcp").toFixed(0).padStart(8)} ${m("lcp").toFixed(0).padStart(8)}` +
        ` ${m("tbt").toFixed(0).padStart(7)} ${m("cls").toFixed(3).padStart(5)} ${m("js").toFixed(1).padStart(6)}`,
    );
  }
} finally {
  await chrome?.kill();
  shop.stop();
}

console.log(`\nFirst-load JS per route (gzip; "own" = beyond the chunks every page shares)`);
console.log(`${"route".padEnd(36)} ${"total KB".padStart(9)} ${"own KB".padStart(8)}`);
for (const { route, totalBytes: total, ownBytes: own } of firstLoadJs()) {
  console.log(
    `${route.padEnd(36)} ${(total / 1024).toFixed(1).padStart(9)} ${(own / 1024).toFixed(1).padStart(8)}`,
  );
}
