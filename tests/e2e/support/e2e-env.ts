import { tmpdir } from "node:os";

// Ports and settings shared by playwright.config.ts (the server) and the tests (database resets,
// emulator control). Distinct from `npm run dev`'s ports so both can run at once.
// Overridable so two e2e runs (e.g. two worktrees) can share a machine.
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
const embeddedPgPort = Number(process.env.E2E_PG_PORT ?? 54349);
// The emulator's local SMTP server (the shop's emails); E2E_SMTP_PORT moves it.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? emulatorPort + 1000);

const databaseUrl =
  process.env.DATABASE_URL || `postgresql://postgres:postgres@127.0.0.1:${embeddedPgPort}/postgres`;

export const E2E = {
  appPort,
  /** Everything the server printed (tests/e2e/support/server-warnings.ts reads it after the run). */
  serverLog: `${tmpdir()}/duka-e2e-server-${appPort}.log`,
  appUrl: `http://localhost:${appPort}`,
  emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
  databaseUrl,
  serverEnv: {
    NEXT_TELEMETRY_DISABLED: "1",
    EMBEDDED_PG_PORT: String(embeddedPgPort),
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_SMTP_PORT: String(smtpPort),
    MPESA_ENV: "emulator",
    PUBLIC_URL: `http://localhost:${appPort}`,
    AUTH_SECRET: "e2e-auth-secret-not-for-production",
    CRON_SECRET: "e2e-cron-secret",
    // Every e2e shopper checks out from 127.0.0.1 with a number of their own.
    PHONES_PER_IP: "100000",
    RESERVED_UNITS_PER_IP: "1000000",
    EMULATOR_PROMPT_TIMEOUT_MS: "60000",
    // The SMS stand-in reports deliveries to the app (lib/env.ts's EMULATOR_DELIVERY_REPORT_TOKEN).
    EMULATOR_SMS_DELIVERY_URL: `http://localhost:${appPort}/api/notifications/sms-delivery/duka-emulator-delivery-report-token`,
  } as Record<string, string>,
};
