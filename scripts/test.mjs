// `npm test`: formatting, type check, lint (with the layer rules), unused code (knip), unit, integration
// (real PostgreSQL), e2e (Chromium on a production build).
// Two lanes run side by side, each on a database of its own: the checks, unit and integration tests in one,
// the e2e build and browser tests in the other. Both spend much of their time waiting (on PostgreSQL, the
// emulator's prompts, the browser), so together they take little longer than the e2e lane alone. A lane stops
// at its first failing step; the run fails if either does, and prints how long each step took.
import { freshDatabaseBeside } from "./fresh-database.mjs";
import { runPrefixed } from "./run-prefixed.mjs";

const lanes = {
  checks: ["format:check", "typecheck", "lint", "knip", "test:unit", "test:integration"],
  e2e: ["test:e2e"],
};

// The integration tests' embedded PostgreSQL gets its own port, so `npm test` runs beside `npm run dev`
// (the e2e lane's embedded one is on E2E_PG_PORT, 54349 unless set).
const base = { ...process.env, EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "54339" };

/** With a PostgreSQL server (DATABASE_URL), the e2e lane gets a fresh database beside the given one. */
async function e2eDatabaseUrl() {
  if (!process.env.DATABASE_URL) return "";
  const url = await freshDatabaseBeside(process.env.DATABASE_URL, "_e2e");
  console.log(`[test] e2e lane database: ${url}`);
  return url;
}

async function runLane(lane, steps, env) {
  const timings = [];
  for (const step of steps) {
    console.log(`[${lane}] ── ${step} ──`);
    const t0 = Date.now();
    const code = await runPrefixed(`[${lane}]`, "npm", ["run", "--silent", step], env);
    timings.push(`${step} ${((Date.now() - t0) / 1000).toFixed(0)} s${code ? " FAILED" : ""}`);
    if (code !== 0) return { lane, ok: false, timings };
  }
  return { lane, ok: true, timings };
}

const t0 = Date.now();
const e2eEnv = { ...base, DATABASE_URL: await e2eDatabaseUrl() };
if (!e2eEnv.DATABASE_URL) delete e2eEnv.DATABASE_URL;
const results = await Promise.all([runLane("checks", lanes.checks, base), runLane("e2e", lanes.e2e, e2eEnv)]);

const total = `${((Date.now() - t0) / 1000).toFixed(0)} s`;
for (const r of results)
  console.log(`[test] ${r.lane}: ${r.ok ? "passed" : "FAILED"}: ${r.timings.join(", ")}`);
const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  console.error(`\n[test] failed in ${total}: ${failed.map((r) => r.lane).join(", ")} (see above)`);
  process.exit(1);
}
console.log(`\n[test] all passed in ${total}`);
