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
const build = await run("npx", ["next", "build"], { ...env, ...canaries });
if (build !== 0) process.exit(build);
// First-load JavaScript budget of the storefront routes, from this build's manifests.
const budget = await run("npx", ["tsx", "scripts/js-budget.ts"], env);
if (budget !== 0) process.exit(budget);
const testEnv = { ...env, DUKA_BUILD_CANARIES: JSON.stringify(canaries) };
process.exit(await run("npx", ["playwright", "test", ...process.argv.slice(2)], testEnv));
