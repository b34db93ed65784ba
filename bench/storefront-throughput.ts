// npm run bench:throughput: the production build (BENCH_NO_BUILD=1 reuses .next) on a fresh embedded
// PostgreSQL with the demo catalog; autocannon GETs the home, a category and a product page, and a static
// file from public/ as the ceiling, at 8 and 32 connections. Prints requests/s and latency; never fails.
import { spawn } from "node:child_process";
import autocannon from "autocannon";

const PORT = Number(process.env.BENCH_APP_PORT ?? 3301);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const TARGETS: [string, string][] = [
  ["static file (public/)", "/products/kikoy-beach-towel.svg"],
  ["home", "/"],
  ["category", "/categories/pantry"],
  ["product", "/products/kenya-aa-coffee-500g"],
];

type Stats = { latency: { p50: number; p97_5: number }; requests: { average: number }; non2xx: number };
const cannon = (url: string, connections: number, duration: number) =>
  new Promise<Stats>((resolve, reject) =>
    autocannon({ url, connections, duration }, (err, result) =>
      err ? reject(err) : resolve(result as unknown as Stats),
    ),
  );

const run = (cmd: string, args: string[]) =>
  new Promise<number>((resolve) =>
    spawn(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).on(
      "exit",
      (code) => resolve(code ?? 1),
    ),
  );
if (!process.env.BENCH_NO_BUILD && (await run("npx", ["next", "build"])) !== 0) process.exit(1);

const server = spawn(
  "node",
  ["scripts/with-db.mjs", "--fresh", "--emulator", "--", "next", "start", "-p", String(PORT)],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: "",
      EMBEDDED_PG_PORT: process.env.BENCH_PG_PORT ?? "54379",
      EMULATOR_PORT: process.env.BENCH_EMULATOR_PORT ?? "4310",
      EMULATOR_QUIET: "1",
      PUBLIC_URL: BASE,
      NEXT_TELEMETRY_DISABLED: "1",
      SEED_DEMO_ORDERS: "0",
    },
  },
);
try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null || i > 240) throw new Error("the server did not start");
    const ok = await fetch(`${BASE}/cart`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(
    `\nGET, ${SECONDS} s per row (latency p50 and p97.5 in ms — autocannon has no p95 — and requests/s)`,
  );
  console.log(`${"target".padEnd(24)} conns   p50 ms p97.5 ms     req/s  non-2xx`);
  for (const [name, path] of TARGETS) {
    await cannon(`${BASE}${path}`, 4, 2); // warm-up
    for (const connections of [8, 32]) {
      const r = await cannon(`${BASE}${path}`, connections, SECONDS);
      console.log(
        `${name.padEnd(24)} ${String(connections).padStart(5)} ${r.latency.p50.toFixed(1).padStart(8)} ` +
          `${r.latency.p97_5.toFixed(1).padStart(8)} ${r.requests.average.toFixed(0).padStart(9)} ${String(r.non2xx).padStart(8)}`,
      );
    }
  }
} finally {
  server.kill("SIGTERM");
}
