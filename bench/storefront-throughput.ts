// npm run bench:throughput: the production build (BENCH_NO_BUILD=1 reuses .next) on a fresh embedded
// PostgreSQL with the demo catalog; autocannon GETs the home, a category and a product page, and a static
// file from public/ as the ceiling, at 8 and 32 connections. Prints requests/s and latency; never fails.
// BENCH_COMPARE_URL=http://127.0.0.1:3324 (another build already serving, e.g. main's): each row is measured
// there too, right before this build's, so a loaded machine weighs on both alike ("before" / "after").
// A product with options (Ankara Wrap Dress: colour x size, 12 variants) is measured next to one without,
// plain and with a choice in the URL; BENCH_ONLY=product runs only the rows whose name contains "product".
// BENCH_ROUNDS=4 measures each row in 4 slices, the rows taking turns, for a machine whose load comes and goes.
import autocannon from "autocannon";
import { startShopServer } from "./support/shop-server";

const PORT = Number(process.env.BENCH_APP_PORT ?? 3301);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ALL_TARGETS: [string, string][] = [
  ["static file (public/)", "/products/kikoy-beach-towel.svg"],
  ["home", "/"],
  ["category", "/categories/pantry"],
  ["product", "/products/kenya-aa-coffee-500g"],
  ["product with variants", "/products/ankara-wrap-dress"],
  ["product, variant in URL", "/products/ankara-wrap-dress?colour=red&size=m"],
];
const only = process.env.BENCH_ONLY;
const TARGETS = ALL_TARGETS.filter(([name]) => !only || name.includes(only));

type Stats = { latency: { p50: number; p97_5: number }; requests: { average: number }; non2xx: number };
const cannon = (url: string, connections: number, duration: number) =>
  new Promise<Stats>((resolve, reject) =>
    autocannon({ url, connections, duration }, (err, result) =>
      err ? reject(err) : resolve(result as unknown as Stats),
    ),
  );

const shop = await startShopServer(PORT, BASE);
try {
  console.log(
    `\nGET, ${SECONDS} s per row in ${ROUNDS} slice(s) (latency p50 and p97.5 in ms — autocannon has no p95 — and requests/s)`,
  );
  console.log(`${"target".padEnd(24)} conns build    p50 ms p97.5 ms     req/s  non-2xx`);
  const builds: [string, string][] = process.env.BENCH_COMPARE_URL
    ? [
        ["before", process.env.BENCH_COMPARE_URL],
        ["after", BASE],
      ]
    : [["this", BASE]];
  for (const [, path] of TARGETS) for (const [, base] of builds) await cannon(`${base}${path}`, 4, 2); // warm-up
  for (const connections of [8, 32]) {
    // Each row in ROUNDS slices, the rows taking turns (in alternating order): load that comes and goes on a
    // shared machine weighs on every row alike. Printed: medians of the slices' percentiles, mean requests/s.
    const slices = new Map<string, Stats[]>();
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, path] of round % 2 ? [...TARGETS].reverse() : TARGETS)
        for (const [build, base] of builds) {
          const r = await cannon(`${base}${path}`, connections, SECONDS / ROUNDS);
          slices.set(`${name}|${build}`, [...(slices.get(`${name}|${build}`) ?? []), r]);
        }
    for (const [name] of TARGETS)
      for (const [build] of builds) {
        const rs = slices.get(`${name}|${build}`)!;
        const p50 = median(rs.map((r) => r.latency.p50));
        const p97 = median(rs.map((r) => r.latency.p97_5));
        const perSecond = rs.reduce((sum, r) => sum + r.requests.average, 0) / rs.length;
        const non2xx = rs.reduce((sum, r) => sum + r.non2xx, 0);
        console.log(
          `${name.padEnd(24)} ${String(connections).padStart(5)} ${build.padEnd(6)} ${p50.toFixed(1).padStart(8)} ` +
            `${p97.toFixed(1).padStart(8)} ${perSecond.toFixed(0).padStart(9)} ${String(non2xx).padStart(8)}`,
        );
      }
  }
} finally {
  shop.stop();
}
