// `npm run test:e2e`: find a browser, build for production, run Playwright (which starts the server).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { findBrowser } from "./find-browser.mjs";
import { freshDatabaseBeside } from "./fresh-database.mjs";
import { runPrefixed } from "./run-prefixed.mjs";

const run = (cmd, args, env = process.env) =>
  new Promise((resolve) =>
    spawn(cmd, args, { stdio: "inherit", env }).on("exit", (code) => resolve(code ?? 1)),
  );

const browser = findBrowser();
console.log(`[e2e] browser: ${browser.how}`);
const env = { ...process.env, CHROMIUM_PATH: browser.path, NEXT_TELEMETRY_DISABLED: "1" };
// The build sees distinctive secret values; tests/e2e/no-secrets-in-bundle.spec.ts then greps the output a
// browser can fetch for them. Only the build gets them: the server keeps the emulator's real credentials.
const tag = randomBytes(6).toString("hex");
const canaries = {
  AUTH_SECRET: `canary-auth-secret-${tag}`,
  CRON_SECRET: `canary-cron-secret-${tag}`,
  MPESA_CONSUMER_SECRET: `canary-consumer-secret-${tag}`,
  MPESA_PASSKEY: `canary-passkey-${tag}`,
};
// The build prerenders the shop's home page from a database, as a deployment's does after `migrate deploy`:
// a fresh embedded one, on the port the tests' server takes over afterwards.
const buildDb = { DATABASE_URL: "", EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54349" };
const build = await run("node", ["scripts/with-db.mjs", "--fresh", "--", "next", "build"], {
  ...env,
  ...buildDb,
  ...canaries,
});
if (build !== 0) process.exit(build);
// First-load JavaScript budget of the storefront routes, from this build's manifests. It is checked before the
// browser tests and fails the run after them, so one over-budget route does not hide what the tests found.
const budget = await run("npx", ["tsx", "scripts/js-budget.ts"], env);
const testEnv = { ...env, DUKA_BUILD_CANARIES: JSON.stringify(canaries) };
const tests = await runShards(testEnv, process.argv.slice(2));
if (budget !== 0) console.error("[e2e] the first-load JavaScript budget failed (see [js-budget] above)");
process.exit(tests !== 0 ? tests : budget);

/**
 * The browser tests, split by file into shards that run at once (E2E_SHARDS, 2 unless set; 1 when files are
 * named), each with its own server, emulator, database, ports and copy of the build (Next.js writes the pages
 * it re-renders into the build's folder, so two servers must not share one). Much of a test's time is spent
 * waiting for a prompt's answer or a page to settle, so two shards take little more than half as long.
 */
async function runShards(baseEnv, args) {
  const shards = args.length > 0 ? 1 : Number(process.env.E2E_SHARDS ?? 2);
  if (shards === 1) return run("npx", ["playwright", "test", ...args], baseEnv);
  const envs = await Promise.all(Array.from({ length: shards }, (_, i) => shardEnv(baseEnv, i)));
  const codes = await Promise.all(
    envs.map((shardEnv, i) =>
      runPrefixed(
        `[${i + 1}/${shards}]`,
        "npx",
        ["playwright", "test", `--shard=${i + 1}/${shards}`],
        shardEnv,
      ),
    ),
  );
  return codes.find((code) => code !== 0) ?? 0;
}

async function shardEnv(baseEnv, i) {
  const port = (name, fallback, step) => String(Number(process.env[name] ?? fallback) + i * step);
  const shard = {
    ...baseEnv,
    E2E_APP_PORT: port("E2E_APP_PORT", 3100, 1),
    E2E_EMULATOR_PORT: port("E2E_EMULATOR_PORT", 4110, 2),
    E2E_PG_PORT: port("E2E_PG_PORT", 54349, 10),
    E2E_OUTPUT_DIR: `test-results/shard-${i + 1}`,
  };
  if (process.env.E2E_SMTP_PORT) shard.E2E_SMTP_PORT = port("E2E_SMTP_PORT", 0, 1);
  if (i === 0) return shard;
  if (process.env.DATABASE_URL)
    shard.DATABASE_URL = await freshDatabaseBeside(process.env.DATABASE_URL, `_shard${i + 1}`);
  // A copy of the build, inside .next so everything that ignores .next ignores it (next build clears it).
  shard.NEXT_DIST_DIR = `.next/e2e-shard-${i + 1}`;
  rmSync(shard.NEXT_DIST_DIR, { recursive: true, force: true });
  for (const entry of readdirSync(".next"))
    if (entry !== "cache" && !entry.startsWith("e2e-shard-"))
      cpSync(`.next/${entry}`, `${shard.NEXT_DIST_DIR}/${entry}`, { recursive: true });
  return shard;
}
