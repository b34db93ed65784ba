// `npm run bench`: every `bench:*` script in package.json, one after another (they share ports), each to
// the end even when an earlier one failed; prints which failed. Benchmarks never fail on a time.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const scripts = Object.keys(JSON.parse(readFileSync("package.json", "utf8")).scripts).filter((s) =>
  s.startsWith("bench:"),
);
const failed = [];
for (const script of scripts) {
  console.log(`\n[bench] ── ${script} ──`);
  const code = await new Promise((resolve) =>
    spawn("npm", ["run", "--silent", script], { stdio: "inherit" }).on("exit", (c) => resolve(c ?? 1)),
  );
  if (code !== 0) failed.push(`${script} (exit ${code})`);
}
console.log(failed.length ? `\n[bench] failed: ${failed.join(", ")}` : `\n[bench] ran ${scripts.join(", ")}`);
process.exit(failed.length ? 1 : 0);
