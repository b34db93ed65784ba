// First-load JavaScript per route of the last `next build`, gzipped: the root chunks every page loads plus
// the route's own entry chunks (what `next build` printed as "First Load JS" before Next.js 16).
// `npm run js-budget` (run by test:e2e right after its build) fails when a storefront route is over budget.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * Routes a shopper lands on from search or a shared link: each must stay under this many gzipped KB.
 * The goal is 120 KB (issue 23) and it is out of reach on Next.js 16: its own chunks and React, shared by
 * every page, weigh 129.3 KB (Turbopack build) before a line of the shop. The shop's own part is 10.5 KB on
 * home and category pages and 12.7 KB on the product page (photos through getImageProps, no next/image
 * client component; the header's cart count loads after the page, components/cart/cart-count.tsx); the
 * budget holds the line just above that. Lower it when it shrinks; never raise it.
 * The pages a shopper then pays on carry their forms (zod rules read by the boxes, about 30 KB) and are held
 * too: lib/form-fields.ts once imported the phone rule through lib/daraja's index, which brought Daraja's
 * wire schemas (134 KB) into checkout, track, the payment link and every dashboard form.
 */
const BUDGET_KB: Record<string, number> = {
  "/": 140,
  "/products/[slug]": 142,
  "/products/[slug]/[variant]": 142,
  "/categories/[slug]": 140,
  "/cart": 156,
  "/checkout": 190,
  "/pay/[token]": 188,
  "/orders/[publicId]": 161,
  "/track": 176,
};

export type RouteJs = { route: string; totalBytes: number; ownBytes: number };

export function firstLoadJs(dir = ".next"): RouteJs[] {
  const next = path.resolve(dir);
  const gz = new Map<string, number>();
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(next, file))).length);
    return gz.get(file)!;
  };
  const read = <T>(file: string) => JSON.parse(readFileSync(path.join(next, file), "utf8")) as T;
  const routes = read<Record<string, string>>("app-path-routes-manifest.json");
  const root = read<{ rootMainFiles: string[] }>("build-manifest.json").rootMainFiles;
  const shared = root.reduce((sum, f) => sum + size(f), 0);
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? walk(path.join(d, e.name))
        : e.name === "page_client-reference-manifest.js"
          ? [path.join(d, e.name)]
          : [],
    );
  const rows: RouteJs[] = [];
  for (const file of walk(path.join(next, "server", "app"))) {
    const sandbox = { globalThis: {} as Record<string, unknown> };
    vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
    const manifests = sandbox.globalThis.__RSC_MANIFEST as Record<
      string,
      { entryJSFiles?: Record<string, string[]> }
    >;
    for (const [key, manifest] of Object.entries(manifests)) {
      const files = new Set([...root, ...Object.values(manifest.entryJSFiles ?? {}).flat()]);
      const totalBytes = [...files].reduce((sum, f) => sum + size(f), 0);
      rows.push({ route: routes[key] ?? key, totalBytes, ownBytes: totalBytes - shared });
    }
  }
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(".next/build-manifest.json")) {
    console.error("[js-budget] no build in .next: run `next build` first.");
    process.exit(1);
  }
  const rows = firstLoadJs();
  let over = 0;
  for (const [route, budget] of Object.entries(BUDGET_KB)) {
    const row = rows.find((r) => r.route === route);
    if (!row) {
      console.error(
        `[js-budget] ${route}: not in the build (renamed? update BUDGET_KB in scripts/js-budget.ts)`,
      );
      over++;
      continue;
    }
    const ok = row.totalBytes <= budget * 1024;
    if (!ok) over++;
    console.log(
      `[js-budget] ${ok ? "ok  " : "OVER"} ${route.padEnd(22)} ${kb(row.totalBytes).padStart(6)} KB gzipped (budget ${budget} KB; own ${kb(row.ownBytes)} KB)`,
    );
  }
  if (over > 0) {
    console.error(`[js-budget] ${over} route(s) over their first-load JavaScript budget.`);
    process.exit(1);
  }
}
