import { readFileSync } from "node:fs";
import { E2E } from "./e2e-env";

/**
 * Warnings the server may print today, each with why it stays. Anything else that looks like a warning in the
 * server's log fails the run (Playwright's globalTeardown), so a new one is seen the day it appears.
 */
const KNOWN: { pattern: RegExp; why: string }[] = [
  {
    // prisma migrate deploy (scripts/with-db.mjs): Prisma 6 needs the schema's url line to read the schema, yet
    // warns that an adapter is configured. Prisma 7 (issue 23) drops the line and the warning with it.
    pattern:
      /^WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter/,
    why: "Prisma 6 schema url next to prisma.config.ts's adapter",
  },
];

const WARNING = /\b(warn(ing)?|deprecat(ed|ion)\w*)\b|\(node:\d+\) \w*Warning/i;

export function newServerWarnings(log: string): string[] {
  return log
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => WARNING.test(line) && !KNOWN.some((k) => k.pattern.test(line)));
}

export default function globalTeardown() {
  let log: string;
  try {
    log = readFileSync(E2E.serverLog, "utf8");
  } catch {
    return; // no server was started (e.g. a run that failed before it)
  }
  const found = newServerWarnings(log);
  if (found.length > 0)
    throw new Error(
      `The server logged ${found.length} new warning(s) (${E2E.serverLog}):\n${found.join("\n")}`,
    );
}
