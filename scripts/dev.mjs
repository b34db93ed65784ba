// `npm run dev`: the whole shop on this machine with no accounts and no network.
// Embedded PostgreSQL (data kept in .data/pglite) unless DATABASE_URL is set, migrations, seed on first run,
// the Daraja emulator unless real Daraja credentials are configured, then `next dev` on port 3000.
import { spawn } from "node:child_process";

const useEmulator = (process.env.MPESA_ENV ?? "emulator") === "emulator";
console.log(`[dev] shop:   http://localhost:3000`);
if (useEmulator) {
  console.log(`[dev] phone:  http://127.0.0.1:${process.env.EMULATOR_PORT ?? 4010}/phone (Daraja emulator)`);
  console.log(
    `[dev] inbox:  http://127.0.0.1:${process.env.EMULATOR_PORT ?? 4010}/inbox (the SMS and email the shop sends)`,
  );
}
console.log(`[dev] seller: http://localhost:3000/login (the seed prints the login)`);

const flags = useEmulator ? ["--emulator"] : [];
const child = spawn("node", ["scripts/with-db.mjs", ...flags, "--", "next", "dev", "-p", "3000"], {
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
