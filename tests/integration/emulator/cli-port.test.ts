/** `npm run emulator -- <command>` finds the emulator on EMULATOR_PORT, as `npm run dev` starts it there. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { withEmulator } from "./helpers";

const run = promisify(execFile);

describe("the emulator CLI", () => {
  const setup = withEmulator({});

  it("acts on the emulator at EMULATOR_PORT without EMULATOR_URL", async () => {
    const env = { ...process.env, EMULATOR_PORT: new URL(setup.emulator.url).port, EMULATOR_URL: "" };
    await run("npx", ["tsx", "emulator/cli.ts", "rule", "254700000321", "cancel", "2000"], { env });
    const rules = await fetch(`${setup.emulator.url}/__control/rules`).then((r) => r.text());
    expect(rules).toContain("254700000321");
    const { stdout } = await run("npx", ["tsx", "emulator/cli.ts", "rules"], { env });
    expect(stdout).toContain("254700000321");
  }, 60_000);
});
