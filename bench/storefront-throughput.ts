// npm run bench:throughput: the production build (BENCH_NO_BUILD=1 reuses .next) under `next start` on a fresh
// embedded PostgreSQL with the demo catalog. Prints figures; never fails on a time. Two tables:
//
// 1. Throughput (autocannon, 8 and 32 connections, each keeping its request in flight): requests/s, and
//    latency p50/p97.5 = the whole response, queueing behind the other connections' requests included (not
//    time to first byte). No accept-encoding header, so nothing is compressed. Rows: the home, a category and
//    a product page, and a 0.9 KB static file from public/ as the server's ceiling.
// 2. Time to first byte (node:http, bench/support/ttfb.ts): from the request going out on an open keep-alive
//    socket to the response's first bytes (status line and headers), and to its last byte; p50/p95 over
//    BENCH_TTFB_REQUESTS (600) requests per row, after a warm-up. At 1 connection the requests go one after the
//    other (no queueing: one request's own time); at 8, eight sockets each one request at a time. Each row is
//    measured without accept-encoding (as autocannon) and with a browser's ("gzip, deflate, br, zstd": Next.js
//    then gzips anything over 1 KB, static files included). Rows: the small static file; "home, static copy":
//    the home page's own prerendered HTML (.next/server/app/index.html), the same bytes, written to
//    public/uploads/ (git-ignored, skips proxy.ts like the small file) for the run only and removed after;
//    the home, a category and a product page. "server CPU": ms of CPU per request used by `next start` and its
//    harness above their idle use (Linux /proc, this build only): much less moved than latency by other load
//    on a shared machine.
//    Last columns: the row's TTFB p50 over the small file's and over the home copy's, in the same run,
//    connections and encoding (the goal of issue 23: a cached page within 2x of a static file).
//
// BENCH_COMPARE_URL=http://127.0.0.1:3324 (another build already serving, e.g. main's): each row is measured
// there too, right before this build's, so a loaded machine weighs on both alike ("before" / "after").
// A product with options (Ankara Wrap Dress: colour x size, 12 variants) is measured next to one without,
// plain and with a choice in the URL; BENCH_ONLY=product runs only the rows whose name contains "product".
// BENCH_ROUNDS=4 measures each row in 4 slices, the rows taking turns, for a machine whose load comes and goes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { treeCpuMs } from "./support/process-tree";
import { startShopServer } from "./support/shop-server";
import { percentile } from "./support/stats";
import { keepAlive, measure, type Sample } from "./support/ttfb";

const PORT = Number(process.env.BENCH_APP_PORT ?? 3301);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const TTFB_REQUESTS = Number(process.env.BENCH_TTFB_REQUESTS ?? 600);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const SMALL_FILE = "static file (public/)";
const ALL_TARGETS: [string, string][] = [
  [SMALL_FILE, "/products/kikoy-beach-towel.svg"],
  ["home", "/"],
  ["category", "/categories/pantry"],
  ["product", "/products/kenya-aa-coffee-500g"],
  ["product with variants", "/products/ankara-wrap-dress"],
  ["product, variant in URL", "/products/ankara-wrap-dress/red-m"],
];
const only = process.env.BENCH_ONLY;
const TARGETS = ALL_TARGETS.filter(([name]) => !only || name.includes(only));

// The home page's HTML as a static file, for the run only: public/uploads/ is git-ignored and, like the small
// file, outside proxy.ts's matcher. `next start` lists public/ once, when it starts: written before.
const HOME_COPY = "home, static copy";
const HOME_COPY_FILE = "public/uploads/bench-home-copy.html";
const HOME_COPY_PATH = "/uploads/bench-home-copy.html";
const removeHomeCopy = () => rmSync(HOME_COPY_FILE, { force: true });
const TTFB_TARGETS = (
  [
    [SMALL_FILE, "/products/kikoy-beach-towel.svg"],
    [HOME_COPY, HOME_COPY_PATH],
    ["home", "/"],
    ["category", "/categories/pantry"],
    ["product", "/products/kenya-aa-coffee-500g"],
  ] satisfies [string, string][]
).filter(([name]) => !only || name.includes(only));
const ENCODINGS: [string, Record<string, string>][] = [
  ["none", {}],
  ["browser", { "accept-encoding": "gzip, deflate, br, zstd" }],
];

type Stats = { latency: { p50: number; p97_5: number }; requests: { average: number }; non2xx: number };
const cannon = (url: string, connections: number, duration: number) =>
  new Promise<Stats>((resolve, reject) =>
    autocannon({ url, connections, duration }, (err, result) =>
      err ? reject(err) : resolve(result as unknown as Stats),
    ),
  );

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    removeHomeCopy();
    process.exit(130);
  });
const builds: [string, string][] = process.env.BENCH_COMPARE_URL
  ? [
      ["before", process.env.BENCH_COMPARE_URL],
      ["after", BASE],
    ]
  : [["this", BASE]];

removeHomeCopy();
const shop = await startShopServer(PORT, BASE, () => {
  mkdirSync("public/uploads", { recursive: true });
  writeFileSync(HOME_COPY_FILE, readFileSync(".next/server/app/index.html"));
});
try {
  if (TARGETS.length) await throughput();
  if (TTFB_TARGETS.length) await timeToFirstByte();
} finally {
  shop.stop();
  removeHomeCopy();
}

async function throughput() {
  console.log(
    `\nThroughput: GET, ${SECONDS} s per row in ${ROUNDS} slice(s) (latency = whole response, queueing ` +
      `included: p50 and p97.5 in ms — autocannon has no p95 — and requests/s; no compression)`,
  );
  console.log(`${"target".padEnd(24)} conns build    p50 ms p97.5 ms     req/s  non-2xx`);
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
}

async function timeToFirstByte() {
  type Row = { name: string; build: string; url: string };
  const rows: Row[] = builds.flatMap(([build, base]) =>
    TTFB_TARGETS.filter(([name]) => name !== HOME_COPY || build !== "before").map(([name, path]) => ({
      name,
      build,
      url: `${base}${path}`,
    })),
  );
  // One keep-alive agent per row, connection count and encoding: its sockets open in the warm-up.
  const agents = new Map<string, ReturnType<typeof keepAlive>>();
  const agent = (key: string, connections: number) =>
    agents.get(key) ?? agents.set(key, keepAlive(connections)).get(key)!;
  const home = rows.find((r) => r.name === "home" && r.build !== "before");
  const copy = rows.find((r) => r.name === HOME_COPY);
  if (home && copy) {
    const [page] = await measure(agent("size", 1), home.url, {}, 1, 1);
    const [file] = await measure(agent("size", 1), copy.url, {}, 1, 1);
    console.log(
      `\nThe home page's HTML: ${page!.bytes} bytes; its static copy: ${file!.bytes} bytes` +
        (page!.bytes === file!.bytes ? " (the same)" : " (the page was rendered again since the build)"),
    );
  }
  // The server's CPU while idle (timers, the embedded database, the emulator), taken off each row's.
  const [idleCpu, idleStart] = [treeCpuMs(shop.pid), performance.now()];
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idleCpuPerMs = (treeCpuMs(shop.pid) - idleCpu) / (performance.now() - idleStart);
  const slices = 6;
  const perSlice = Math.max(1, Math.round(TTFB_REQUESTS / slices));
  console.log(
    `\nTime to first byte: GET, ${perSlice * slices} requests per row in ${slices} slices, the rows taking turns.\n` +
      `TTFB: ms from the request going out on an open keep-alive socket to the response's first bytes; last: to ` +
      `its last byte.\naccept-enc none: no accept-encoding header (as autocannon); browser: "gzip, deflate, br, ` +
      `zstd", and encoding is what the server chose.\nserver CPU: user + system ms per request of \`next start\` ` +
      `and its harness (embedded database, emulator) above their idle use (${(idleCpuPerMs * 1000).toFixed(0)} ms/s), this build ` +
      `only; 10 ms ticks, so small rows are coarse.\n` +
      `Last two columns: the row's TTFB p50 over the small file's, and over the home copy's (same bytes as the ` +
      `home page), same run, connections and encoding.`,
  );
  const columns: [string, number][] = [
    ["target", -20],
    ["conns", 5],
    ["build", -6],
    ["accept-enc", -10],
    ["encoding", -8],
    ["bytes", 6],
    ["TTFB p50", 8],
    ["p95", 6],
    ["last p50", 8],
    ["p95", 6],
    ["server CPU", 10],
    ["÷ small file", 12],
    ["÷ home copy", 11],
    ["non-2xx", 7],
  ];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (columns[i]![1] < 0 ? c.padEnd(-columns[i]![1]) : c.padStart(columns[i]![1])))
      .join(" ");
  console.log(line(columns.map(([title]) => title)));
  for (const connections of [1, 8])
    for (const [encoding, headers] of ENCODINGS) {
      const key = (r: Row) => `${r.name}|${r.build}|${connections}|${encoding}`;
      for (const r of rows)
        await measure(agent(key(r), connections), r.url, headers, connections, 4 * connections);
      const samples = new Map<string, Sample[]>();
      const cpuMs = new Map<string, number>();
      const busyMs = (cpu: number, started: number) => cpu - idleCpuPerMs * (performance.now() - started);
      for (let slice = 0; slice < slices; slice++)
        for (const r of slice % 2 ? [...rows].reverse() : rows) {
          const [cpuBefore, started] = [treeCpuMs(shop.pid), performance.now()];
          const got = await measure(agent(key(r), connections), r.url, headers, connections, perSlice);
          cpuMs.set(key(r), (cpuMs.get(key(r)) ?? 0) + busyMs(treeCpuMs(shop.pid) - cpuBefore, started));
          samples.set(key(r), [...(samples.get(key(r)) ?? []), ...got]);
        }
      const sorted = (r: Row, of: "ttfb" | "total") =>
        samples
          .get(key(r))!
          .map((s) => s[of])
          .sort((a, b) => a - b);
      const ttfbP50 = (r: Row | undefined) => r && percentile(sorted(r, "ttfb"), 50);
      for (const r of rows) {
        const got = samples.get(key(r))!;
        const ttfb = sorted(r, "ttfb");
        const last = sorted(r, "total");
        const ratio = (base: number | undefined) =>
          base ? `${(percentile(ttfb, 50) / base).toFixed(2)}x` : "-";
        console.log(
          line([
            r.name,
            String(connections),
            r.build,
            encoding,
            got[0]!.encoding,
            String(median(got.map((s) => s.bytes))),
            percentile(ttfb, 50).toFixed(2),
            percentile(ttfb, 95).toFixed(2),
            percentile(last, 50).toFixed(2),
            percentile(last, 95).toFixed(2),
            r.build === "before" ? "-" : (cpuMs.get(key(r))! / got.length).toFixed(2),
            ratio(ttfbP50(rows.find((o) => o.name === SMALL_FILE && o.build === r.build))),
            ratio(r.build === "before" ? undefined : ttfbP50(copy)),
            String(got.filter((s) => s.status < 200 || s.status > 299).length),
          ]),
        );
      }
    }
  for (const a of agents.values()) a.destroy();
}
