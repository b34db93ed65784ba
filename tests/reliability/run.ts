/**
 * npm run test:reliability: invariants under load, forgery, bad input, faults, a crash and abuse, against the
 * production build on real PostgreSQL with the Daraja emulator. Prints one line per scenario
 * (`<scenario> tried=N held=N violated=N`) and exits non-zero when any invariant was violated.
 * RELIABILITY_SCALE (default 1) scales the counts; --build forces `next build` first.
 */
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db";
import { abuse } from "./scenarios/abuse";
import { c2bStorm } from "./scenarios/c2b-storm";
import { startCrash } from "./scenarios/crash";
import { type Pending, startFaults } from "./scenarios/faults";
import { forgery } from "./scenarios/forgery";
import { fuzz } from "./scenarios/fuzz";
import { hostile } from "./scenarios/hostile";
import { inventory } from "./scenarios/inventory";
import { notify } from "./scenarios/notify";
import { refunds } from "./scenarios/refunds";
import { storm } from "./scenarios/storm";
import { sleep } from "./support/shop";
import { CRON_SECRET, startStack } from "./support/stack";
import type { Tally } from "./support/tally";

// The in-process payment flow logs a JSON line per event: to a file, so the summary stays readable.
const runnerLog = path.join(tmpdir(), "duka-reliability-runner.log");
const logStream = createWriteStream(runnerLog);
const print = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (typeof args[0] === "string" && /"scope":"(payments|notifications)"/.test(args[0]))
    logStream.write(`${args[0]}\n`);
  else print(...args);
};

const only = process.env.RELIABILITY_ONLY?.split(",");
const wanted = (scenario: string) => !only || only.includes(scenario);
const scale = Number(process.env.RELIABILITY_SCALE ?? 1);
const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
const counts = {
  storm: n(5000, 50),
  c2b: n(1000, 40),
  forgery: n(1000, 70),
  fuzz: n(10_000, 200),
  faults: n(300, 40),
  crash: n(200, 30),
  inventory: 200,
  abuse: 100,
  hostile: n(1000, 1000),
  notify: n(1000, 30),
  refunds: n(300, 30),
};

const stack = await startStack({
  appPort: Number(process.env.RELIABILITY_APP_PORT ?? 3300),
  emulatorPort: Number(process.env.RELIABILITY_EMULATOR_PORT ?? 4310),
  build: process.argv.includes("--build"),
  // Prompts nobody answers stay open for the whole run: no stray 1037 may settle a scenario's targets.
  emulator: { promptTimeoutMs: 60 * 60_000 },
}).catch((e: unknown) => {
  console.error(`[reliability] cannot run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
const started = Date.now();
console.log(
  `[reliability] RELIABILITY_SCALE=${scale}: ${JSON.stringify(counts)}; app ${stack.app.url} (log ${stack.app.logFile}, runner log ${runnerLog}), emulator ${stack.emulator.url}`,
);

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  console.log(`\n[reliability] ${name} ...`);
  const result = await run();
  console.log(`[reliability] ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

/** The cron route, as Vercel calls it, until it has nothing left to query. */
async function reconcileRoute() {
  for (let call = 1; call <= 30; call++) {
    const response = await fetch(`${stack.app.url}/api/cron/reconcile`, {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    const body = (await response.json()) as { queried: number; answers: Record<string, number> };
    console.log(`  [reconcile] call ${call}: HTTP ${response.status} ${JSON.stringify(body)}`);
    if (response.status !== 200 || !body.queried) return; // it stops early on its time budget: call until it finds nothing due
  }
}

const tallies: Tally[] = [];
let failure: unknown = null;
try {
  // Faults and crash need the reconcile route after its 60 s threshold: start them first, check them last.
  const pending: Pending[] = [];
  if (wanted("faults")) pending.push(await phase("faults (setup)", () => startFaults(stack, counts.faults)));
  if (wanted("crash")) pending.push(await phase("crash", () => startCrash(stack, counts.crash)));
  if (wanted("storm") || wanted("forgery")) {
    const { tally, settled } = await phase("storm", () => storm(stack, counts.storm));
    if (wanted("storm")) tallies.push(tally);
    if (wanted("forgery"))
      tallies.push(await phase("forgery", () => forgery(stack, counts.forgery, settled)));
  }
  if (wanted("c2b")) tallies.push(await phase("c2b storm", () => c2bStorm(stack, counts.c2b)));
  if (wanted("fuzz")) tallies.push(await phase("fuzz", () => fuzz(stack, counts.fuzz)));
  if (pending.length > 0) {
    await phase("reconcile route", async () => {
      const wait = Math.max(...pending.map((p) => p.latest.getTime())) + 61_000 - Date.now();
      if (wait > 0)
        console.log(`  waiting ${Math.ceil(wait / 1000)} s for the reconcile route's 60 s query threshold`);
      await sleep(Math.max(0, wait));
      await reconcileRoute();
    });
    for (const p of pending) tallies.push(await p.finish());
  }
  if (wanted("inventory")) tallies.push(await phase("inventory", () => inventory(stack, counts.inventory)));
  if (wanted("abuse")) tallies.push(await phase("abuse", () => abuse(stack, counts.abuse)));
  if (wanted("notify"))
    tallies.push(await phase("notify", () => notify(stack, counts.notify, reconcileRoute)));
  if (wanted("refunds"))
    tallies.push(await phase("refunds", () => refunds(stack, counts.refunds, reconcileRoute)));
  if (wanted("hostile")) tallies.push(await phase("hostile", () => hostile(stack, counts.hostile)));
} catch (e) {
  failure = e;
  console.error(`[reliability] aborted: ${e instanceof Error ? e.stack : String(e)}`);
} finally {
  await stack.stop();
  await prisma.$disconnect();
}

console.log(
  `\n[reliability] summary (RELIABILITY_SCALE=${scale}, ${((Date.now() - started) / 1000).toFixed(0)} s):`,
);
const order = [
  "storm",
  "forgery",
  "c2b",
  "fuzz",
  "faults",
  "crash",
  "inventory",
  "abuse",
  "notify",
  "hostile",
].filter(wanted);
for (const t of tallies.sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario))) {
  console.log(t.summary());
  for (const example of t.examples) console.log(`    violation: ${example}`);
}
const violated = tallies.some((t) => t.violated > 0);
process.exit(failure || violated || tallies.length < order.length ? 1 : 0);
