// Usage: node scripts/with-db.mjs [--fresh] [--no-seed] [--emulator] -- <command...>
// With DATABASE_URL unset, starts the embedded PostgreSQL (PGlite) in this process (--fresh: in memory).
// Then applies migrations, seeds (unless --no-seed), optionally starts the Daraja emulator, and runs
// <command> with DATABASE_URL set. Children are spawned asynchronously: a blocking spawn would stall
// the in-process database.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "./defaults.mjs";

const args = process.argv.slice(2);
const sep = args.indexOf("--");
const flags = args.slice(0, sep < 0 ? args.length : sep);
const cmd = sep < 0 ? [] : args.slice(sep + 1);
// Run outside npm too (prisma's seed command spawns `tsx` by name).
process.env.PATH = `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH}`;
// The dev/test harness: it alone may run on the public development secrets (lib/env.ts), and only where
// NODE_ENV is not production (`next start` under the e2e harness still needs real ones).
process.env.DUKA_DEV_DEFAULTS ??= "1";
const children = new Set();

function run(c, a, { wait = true } = {}) {
  const p = spawn(c, a, { stdio: "inherit", env: process.env });
  children.add(p);
  p.on("exit", () => children.delete(p));
  if (!wait) return p;
  return new Promise((res, rej) =>
    p.on("exit", (code) => (code === 0 ? res() : rej(new Error(`${c} ${a.join(" ")} exited ${code}`)))),
  );
}

let embedded = null;
async function stopAll(code) {
  for (const p of children) p.kill("SIGTERM");
  await embedded?.stop();
  process.exit(code);
}

if (!process.env.DATABASE_URL) {
  if (flags.includes("--fresh")) process.env.PGLITE_DIR = "memory://";
  const { startEmbeddedPg } = await import("./embedded-pg.mjs");
  const t0 = Date.now();
  embedded = await startEmbeddedPg().catch((e) => {
    console.error(`[with-db] ${e.message}`);
    process.exit(1);
  });
  process.env.DATABASE_URL = DEFAULT_DATABASE_URL;
  console.log(`[with-db] embedded PostgreSQL (PGlite) up in ${Date.now() - t0} ms: ${DEFAULT_DATABASE_URL}`);
}

/**
 * `prisma migrate deploy` exits 0 having done nothing when PRISMA_SCHEMA_ENGINE_BINARY is not an engine
 * that answers: count what the database says is applied instead of trusting the exit code.
 */
async function assertMigrationsApplied() {
  const folders = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory());
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: process.env.DIRECT_URL || process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client
      .query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`)
      .catch(() => ({ rows: [{ n: 0 }] }));
    if (rows[0].n < folders.length) {
      throw new Error(
        `prisma migrate deploy reported success, yet ${rows[0].n} of ${folders.length} migrations are applied: ` +
          `is the schema engine (${process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "scripts/prisma-schema-engine.mjs"}) answering?`,
      );
    }
  } finally {
    await client.end();
  }
}

try {
  await run("prisma", ["migrate", "deploy"]);
  await assertMigrationsApplied();
  if (!flags.includes("--no-seed")) await run("prisma", ["db", "seed"]);
} catch (e) {
  console.error(`[with-db] ${e.message}`);
  await stopAll(1);
}

if (flags.includes("--emulator")) {
  process.env.EMULATOR_BUSINESS_NAME ??= "DUKA";
  run("tsx", ["emulator/cli.ts"], { wait: false });
}
if (cmd.length === 0) await stopAll(0);

const [c, ...a] = cmd;
const main = run(c, a, { wait: false });
process.on("SIGINT", () => main.kill("SIGINT"));
process.on("SIGTERM", () => main.kill("SIGTERM"));
main.on("exit", (code) => stopAll(code ?? 0));
