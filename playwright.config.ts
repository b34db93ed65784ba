import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./tests/e2e/support/e2e-env";

// Debian's chromium needs these on this machine's closed network (see DEVELOPERS notes in README).
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  // One database shared by the server and the tests: files run one at a time, each resets it first.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [["list"]],
  // scripts/e2e.mjs gives each shard its own.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // scripts/e2e.mjs chooses the browser ("" = Playwright's own); run directly, prefer Debian's chromium.
      executablePath:
        (process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : "")) ||
        undefined,
      args: chromiumArgs,
    },
  },
  projects: [{ name: "mobile-chromium", use: { ...devices["Pixel 7"], defaultBrowserType: "chromium" } }],
  // A warning the server prints that is not known (and explained) there fails the run.
  globalTeardown: "./tests/e2e/support/server-warnings.ts",
  webServer: {
    command: `node scripts/with-db.mjs --fresh --emulator -- next start -p ${E2E.appPort} 2>&1 | tee ${E2E.serverLog}`,
    url: `${E2E.appUrl}/cart`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: E2E.serverEnv,
  },
});
