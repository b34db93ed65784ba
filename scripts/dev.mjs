// `npm run dev`: the whole shop on this machine with no accounts and no network.
// Embedded PostgreSQL (data kept in .data/pglite) unless DATABASE_URL is set, migrations, seed on first run,
// the Daraja emulator unless real Daraja credentials are configured, then `next dev` on PORT (default 3000).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const port = Number(process.env.PORT || 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT || 4010);
const useEmulator = (process.env.MPESA_ENV ?? "emulator") === "emulator";

/** Next would quietly move to another port, and callbacks would then go to the wrong one. */
function assertFree(p, name) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => {
        console.error(`[dev] port ${p} is in use: stop what holds it or set ${name} to another port.`);
        process.exit(1);
      })
      .once("listening", () => probe.close(resolve))
      .listen(p);
  });
}

await assertFree(port, "PORT");
if (useEmulator) await assertFree(emulatorPort, "EMULATOR_PORT");

// Callbacks (from the emulator, or a tunnel) must come back to the port this server really uses.
process.env.PUBLIC_URL ||= `http://localhost:${port}`;
process.env.EMULATOR_PORT = String(emulatorPort);
// The emulator's Africa's Talking stand-in reports each SMS delivered to this app's own route; the token is
// lib/env.ts's EMULATOR_DELIVERY_REPORT_TOKEN unless AT_DELIVERY_REPORT_TOKEN is set.
if (useEmulator && !process.env.AT_USERNAME) {
  const token = process.env.AT_DELIVERY_REPORT_TOKEN || "duka-emulator-delivery-report-token";
  process.env.EMULATOR_SMS_DELIVERY_URL ||= `${process.env.PUBLIC_URL}/api/notifications/sms-delivery/${token}`;
}

/** Every address a developer opens, one per line; other local stand-ins add theirs here. */
const addresses = [
  ["shop", `http://localhost:${port} (or http://127.0.0.1:${port})`],
  ["seller", `http://localhost:${port}/login (the seed prints the login)`],
  ["setup", `http://localhost:${port}/dashboard/setup (checks this configuration)`],
  ...(useEmulator
    ? [
        ["phone", `http://127.0.0.1:${emulatorPort}/phone (Daraja emulator)`],
        ["inbox", `http://127.0.0.1:${emulatorPort}/inbox (the SMS and email the shop sends)`],
      ]
    : []),
];
for (const [name, url] of addresses) console.log(`[dev] ${`${name}:`.padEnd(8)}${url}`);

const flags = useEmulator ? ["--emulator"] : [];
const child = spawn("node", ["scripts/with-db.mjs", ...flags, "--", "next", "dev", "-p", String(port)], {
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
void compileGatewayRoutes();

/**
 * `next dev` compiles a route on its first request, which takes longer than M-Pesa (the emulator too) waits
 * for an answer: that first callback or Pay Bill confirmation would arrive cut off. So the routes outside
 * services call are requested once as soon as the server answers (a GET compiles them; they answer 405).
 */
async function compileGatewayRoutes() {
  const base = `http://127.0.0.1:${port}`;
  const routes = [
    "/api/payments/callback/compile",
    "/api/payments/paybill/compile/validate",
    "/api/payments/paybill/compile/confirm",
    "/api/payments/result/compile/done",
    "/api/notifications/sms-delivery/compile",
  ];
  for (let tries = 0; tries < 300; tries++) {
    const answered = await fetch(base + routes[0]).then(
      () => true,
      () => false,
    );
    if (answered) break;
    await new Promise((later) => setTimeout(later, 1000));
  }
  for (const route of routes.slice(1)) await fetch(base + route).catch(() => undefined);
}
child.on("exit", (code) => process.exit(code ?? 0));
