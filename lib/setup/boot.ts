import { problemsIn } from "./config-checks";

type Log = (line: string) => void;

export class SetupRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`Duka refuses to start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * A real deployment (production build talking to Safaricom, or any build on Vercel) refuses to start with
 * a configuration its first shopper would trip over. A local build on the emulator (development, e2e,
 * benchmarks) only warns: no money can be lost there.
 */
function isRealDeployment(source: Record<string, string | undefined>): boolean {
  const daraja = source.MPESA_ENV === "sandbox" || source.MPESA_ENV === "production";
  return source.NODE_ENV === "production" && (daraja || Boolean(source.VERCEL || source.VERCEL_ENV));
}

/** Runs at server start (instrumentation.ts): throws SetupRefused, or warns, one line per problem. */
export function checkSetupAtBoot(source: Record<string, string | undefined>, warn: Log = console.warn) {
  const problems = problemsIn(source);
  if (problems.length === 0) return;
  if (isRealDeployment(source)) throw new SetupRefused(problems);
  warn(`[setup] ${problems.length} problem(s) a real shop could not run with (see /dashboard/setup):`);
  for (const p of problems) warn(`[setup]   - ${p}`);
}

/** For instrumentation.ts: prints the refusal and stops the process (a server serving errors is worse). */
export function refuseToStartOnBadSetup() {
  try {
    checkSetupAtBoot(process.env);
  } catch (e) {
    if (!(e instanceof SetupRefused)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
