/**
 * What the reliability suite and the benchmarks run against: the production build on its own port, the
 * Daraja emulator in this process, and the payment flow in this process pointed at both (checkouts are
 * server actions, which cannot be called over plain HTTP, so the runner calls startCheckout itself).
 */
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "@/emulator";
import { createDarajaClient } from "@/lib/daraja";
import { env } from "@/lib/env";
import { configurePayments } from "@/lib/payments/context";
import { type AppServer, appServer, ensureBuild } from "./app-server";

export const CRON_SECRET = "reliability-cron-secret";

export type Stack = { app: AppServer; emulator: EmulatorHandle; stop(): Promise<void> };

export async function startStack(options: {
  appPort: number;
  emulatorPort: number;
  build?: boolean;
  emulator?: Partial<EmulatorOptions>;
  appEnv?: Record<string, string>;
}): Promise<Stack> {
  if (!process.env.DATABASE_URL)
    throw new Error("DATABASE_URL is not set: run through scripts/with-db.mjs (the npm scripts do)");
  await ensureBuild(options.build ?? false);
  const emulator = await startEmulator({ port: options.emulatorPort, quiet: true, ...options.emulator });
  const app = appServer(options.appPort, {
    DATABASE_URL: process.env.DATABASE_URL,
    MPESA_ENV: "emulator",
    MPESA_BASE_URL: emulator.url,
    MPESA_TIMEOUT_MS: "3000",
    PUBLIC_URL: `http://127.0.0.1:${options.appPort}`,
    CRON_SECRET,
    AUTH_SECRET: "reliability-auth-secret-not-for-production",
    // The app itself takes no checkouts here (the runner does, in process): limits high, set per scenario there.
    PROMPTS_PER_PHONE: "1000",
    CHECKOUTS_PER_IP: "100000",
    ...options.appEnv,
  });
  await app.start();
  configurePayments({
    daraja: createDarajaClient({ ...env.mpesa, env: "emulator", baseUrl: emulator.url, timeoutMs: 1500 }),
    callbackBaseUrl: app.url,
    promptsPerPhone: 1_000_000,
    checkoutsPerIp: 1_000_000,
    now: () => new Date(),
  });
  return {
    app,
    emulator,
    async stop() {
      await app.stop();
      await emulator.stop();
    },
  };
}
