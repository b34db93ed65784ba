// Runs a command with its output line by line behind a prefix ("[e2e] ..."), so parallel runs stay readable.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** Resolves with the exit code (1 when killed by a signal). */
export function runPrefixed(prefix, cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      createInterface({ input: from }).on("line", (line) => to.write(`${prefix} ${line}\n`));
    }
    child.on("close", (code) => resolve(code ?? 1));
  });
}
