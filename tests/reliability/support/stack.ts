/**
 * What the reliability suite and the benchmarks run against: the production build on its own port, the
 * Daraja emulator in this process, and the payment flow in this process pointed at both (checkouts are
 * server actions, which cannot be called over plain HTTP, so the runner calls startCheckout itself).
 */
import { createServer } from "node:net";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "@/emulator";
import { certificateFor, createDarajaClient, securityCredential } from "@/lib/daraja";
import { usesEmbeddedDatabase } from "@/lib/db";
import { EMULATOR_INITIATOR_NAME, EMULATOR_INITIATOR_PASSWORD, env } from "@/lib/env";
import { createAfricasTalkingChannel } from "@/lib/notifications/channels/africastalking";
import { createSmtpChannel } from "@/lib/notifications/channels/smtp";
import { configureNotifications } from "@/lib/notifications/context";
import { configurePayments } from "@/lib/payments/shared/context";
import { type AppServer, appServer, ensureBuild } from "./app-server";

export const CRON_SECRET = "reliability-cron-secret";

export type Stack = {
  app: AppServer;
  emulator: EmulatorHandle;
  /** Another `next start` on the same database and emulator (as a second serverless instance would be). */
  anotherInstance(port: number): Promise<AppServer>;
  stop(): Promise<void>;
};

function assertPortFree(port: number, name: string) {
  return new Promise<void>((resolve, reject) => {
    const probe = createServer()
      .once("error", () =>
        reject(new Error(`port ${port} is in use: stop what holds it or set ${name} to a free port`)),
      )
      .listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** A Daraja client for the runner that may refund: the emulator's own initiator (operator) and credential. */
export function refundingDaraja(stack: Stack) {
  return createDarajaClient({
    ...env.mpesa,
    env: "emulator",
    baseUrl: stack.emulator.url,
    timeoutMs: 3000,
    initiator: {
      name: EMULATOR_INITIATOR_NAME,
      securityCredential: securityCredential(EMULATOR_INITIATOR_PASSWORD, certificateFor("emulator")),
      b2cShortcode: env.mpesa.shortcode,
    },
  });
}

export async function startStack(options: {
  appPort: number;
  emulatorPort: number;
  build?: boolean;
  emulator?: Partial<EmulatorOptions>;
  appEnv?: Record<string, string>;
}): Promise<Stack> {
  if (!process.env.DATABASE_URL)
    throw new Error("DATABASE_URL is not set: run through scripts/with-db.mjs (the npm scripts do)");
  // PGlite is one database session that serves one client at a time: no race between connections can
  // happen there, so passing would prove nothing. Refuse, clearly.
  if (usesEmbeddedDatabase)
    throw new Error(
      "The reliability suite needs a real PostgreSQL (the embedded PGlite is one session, its clients take turns): " +
        "createdb duka_rel, then DATABASE_URL=postgresql://postgres@127.0.0.1:5432/duka_rel npm run test:reliability",
    );
  // Whatever already answers there (another engineer's run) would be measured instead of this build.
  await assertPortFree(options.appPort, "RELIABILITY_APP_PORT");
  await assertPortFree(options.emulatorPort, "RELIABILITY_EMULATOR_PORT");
  await ensureBuild(options.build ?? false);
  const emulator = await startEmulator({ port: options.emulatorPort, quiet: true, ...options.emulator });
  const appEnv = {
    DATABASE_URL: process.env.DATABASE_URL,
    MPESA_ENV: "emulator",
    MPESA_BASE_URL: emulator.url,
    MPESA_TIMEOUT_MS: "3000",
    // The shop's SMS and emails go to this emulator's inbox.
    AT_BASE_URL: emulator.url,
    EMULATOR_SMTP_PORT: String(emulator.smtpPort),
    // Retries within seconds, so a run with failing gateways ends in minutes, not hours.
    NOTIFY_RETRY_SECONDS: "1,1,2,2,5,5,10,10",
    PUBLIC_URL: `http://127.0.0.1:${options.appPort}`,
    CRON_SECRET,
    AUTH_SECRET: "reliability-auth-secret-not-for-production",
    // The app itself takes no checkouts here (the runner does, in process): limits high, set per scenario there.
    PROMPTS_PER_PHONE: "1000",
    CHECKOUTS_PER_IP: "100000",
    ...options.appEnv,
  };
  const app = appServer(options.appPort, appEnv);
  await app.start();
  const others: AppServer[] = [];
  configurePayments({
    daraja: createDarajaClient({ ...env.mpesa, env: "emulator", baseUrl: emulator.url, timeoutMs: 1500 }),
    callbackBaseUrl: app.url,
    promptsPerPhone: 1_000_000,
    checkoutsPerIp: 1_000_000,
    phonesPerIp: 1_000_000,
    reservedUnitsPerIp: 1_000_000,
    now: () => new Date(),
  });
  configureNotifications({
    sms: createAfricasTalkingChannel({
      baseUrl: emulator.url,
      username: "sandbox",
      apiKey: "duka-emulator-at-key",
      timeoutMs: 3000,
    }),
    email: createSmtpChannel({
      smtpUrl: `smtp://127.0.0.1:${emulator.smtpPort}`,
      from: "shop@duka.test",
      timeoutMs: 3000,
    }),
  });
  return {
    app,
    emulator,
    async anotherInstance(port) {
      await assertPortFree(port, "the second instance's port");
      const other = appServer(port, appEnv, `app-${others.length + 2}`);
      others.push(other);
      await other.start();
      return other;
    },
    async stop() {
      for (const other of others) await other.stop();
      await app.stop();
      await emulator.stop();
    },
  };
}
