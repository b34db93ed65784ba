// `npm run test:e2e`: find a browser, build for production, run Playwright (which starts the server).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { findBrowser } from "./find-browser.mjs";

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
const tests = await run("npx", ["playwright", "test", ...process.argv.slice(2)], testEnv);
if (budget !== 0) console.error("[e2e] the first-load JavaScript budget failed (see [js-budget] above)");
process.exit(tests !== 0 ? tests : budget);
