// `npm test`: formatting, type check, lint (with the layer rules), unused code (knip), unit, integration
// (real PostgreSQL), e2e (Chromium on a production build).
// Stops at the first failing step and prints how long each took.
import { spawn } from "node:child_process";

const steps = ["format:check", "typecheck", "lint", "knip", "test:unit", "test:integration", "test:e2e"];
const timings = [];

// The integration tests' embedded PostgreSQL gets its own port, so `npm test` runs beside `npm run dev`.
const env = { ...process.env, EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "54339" };

function run(script) {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

for (const step of steps) {
  console.log(`\n[test] ── ${step} ──`);
  const t0 = Date.now();
  const code = await run(step);
  timings.push(`${step} ${((Date.now() - t0) / 1000).toFixed(0)} s${code ? " FAILED" : ""}`);
  if (code !== 0) {
    console.error(`\n[test] ${step} failed (exit ${code}). ${timings.join(", ")}`);
    process.exit(code);
  }
}
console.log(`\n[test] all passed: ${timings.join(", ")}`);
