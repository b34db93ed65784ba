/**
 * The production build (`next build` output) served by `next start` as a child process, so a test can
 * kill -9 it and start it again. Its log goes to a file: one JSON line per payment event is a lot.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const NEXT_BIN = path.resolve("node_modules/.bin/next");

/** Builds only when there is no build yet (or when asked): another engineer's build must not be clobbered. */
export async function ensureBuild(force: boolean) {
  if (!force && existsSync(".next/BUILD_ID")) {
    console.log("[stack] using the existing production build (.next/BUILD_ID); pass --build to rebuild");
    return;
  }
  console.log("[stack] next build ...");
  const code = await new Promise<number>((resolve) =>
    spawn(NEXT_BIN, ["build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    }).on("exit", (c) => resolve(c ?? 1)),
  );
  if (code !== 0) throw new Error(`next build exited ${code}`);
}

export type AppServer = {
  url: string;
  logFile: string;
  /** The `next start` process's id while it runs. */
  pid(): number | undefined;
  start(): Promise<void>;
  kill9(): void;
  stop(): Promise<void>;
};

export function appServer(port: number, env: Record<string, string>, name = "app"): AppServer {
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(tmpdir(), `duka-${name}-${port}.log`);
  const log = createWriteStream(logFile, { flags: "w" });
  let child: ChildProcess | null = null;
  process.on("exit", () => child?.kill("SIGKILL"));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      child?.kill("SIGKILL");
      process.exit(1);
    });
  }

  async function start() {
    child = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    const started = Date.now();
    // Ready when a route that reads the database answers (an unknown order: 404).
    for (;;) {
      const status = await fetch(`${url}/api/orders/readiness-probe-0000`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 404) break;
      if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}; see ${logFile}`);
      if (Date.now() - started > 60_000) throw new Error(`next start not ready after 60 s; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function kill9() {
    child?.kill("SIGKILL");
    child = null;
  }

  async function stop() {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill("SIGTERM");
      setTimeout(() => c.kill("SIGKILL"), 5000).unref();
    });
  }

  return { url, logFile, pid: () => child?.pid, start, kill9, stop };
}
