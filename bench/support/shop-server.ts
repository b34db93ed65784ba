// The storefront benches' server: this checkout's production build (built first unless BENCH_NO_BUILD=1)
// under `next start`, on a fresh embedded PostgreSQL with the demo catalogue and the emulator.
// BENCH_PG_PORT and BENCH_EMULATOR_PORT move the database and the emulator.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";

const PG_PORT = process.env.BENCH_PG_PORT ?? "54379";

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve) =>
    spawn(cmd, args, { stdio: "inherit", env }).on("exit", (code) => resolve(code ?? 1)),
  );

async function waitFor(url: string, server: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error("the server exited before answering");
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer in 2 minutes`);
}

/**
 * Serves the build on `port` and resolves once it answers; `stop()` ends the server. `beforeStart` runs
 * after the build, before `next start` (which lists public/ once, as it starts).
 */
export async function startShopServer(port: number, publicUrl: string, beforeStart?: () => void) {
  const shared = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: "",
    EMBEDDED_PG_PORT: PG_PORT,
  };
  if (!process.env.BENCH_NO_BUILD) {
    // The build prerenders the home page from a database, as a deployment's does: a fresh embedded one.
    const code = await run("node", ["scripts/with-db.mjs", "--fresh", "--", "next", "build"], shared);
    if (code !== 0) process.exit(code);
  }
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build in .next");
  beforeStart?.();
  const server = spawn(
    "node",
    ["scripts/with-db.mjs", "--fresh", "--emulator", "--", "next", "start", "-p", String(port)],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...shared,
        // `next start` runs as production: it takes no development defaults, so it gets bench-only secrets.
        AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-auth-secret-not-for-production",
        CRON_SECRET: process.env.CRON_SECRET ?? "bench-cron-secret",
        EMULATOR_PORT: process.env.BENCH_EMULATOR_PORT ?? "4310",
        EMULATOR_QUIET: "1",
        PUBLIC_URL: publicUrl,
        SEED_DEMO_ORDERS: "0",
      },
    },
  );
  await waitFor(`${publicUrl}/cart`, server);
  // pid: the harness process, parent of `next start`, the embedded database and the emulator.
  return { stop: () => server.kill("SIGTERM"), pid: server.pid! };
}
