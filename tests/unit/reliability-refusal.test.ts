/**
 * The reliability suite refuses at once, saying why and what to do, where its figures would mean nothing:
 * on the embedded PGlite (one session, clients take turns) and where something else already answers on
 * the app's port (that server would be measured instead of this build).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { expect, it } from "vitest";

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

it("refuses the embedded database before starting it", async () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const started = Date.now();
  const { code, output } = await run("npm", ["run", "-s", "test:reliability"], env);
  expect(code).toBe(1);
  expect(output).toContain("test:reliability needs a PostgreSQL server, not the embedded PGlite");
  expect(output).toContain("DATABASE_URL=postgresql://");
  expect(output).not.toContain("embedded PostgreSQL (PGlite) up");
  expect(Date.now() - started).toBeLessThan(15_000);
}, 30_000);

it("refuses an app port something else already answers on", async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const port = (holder.address() as { port: number }).port;
  try {
    const { code, output } = await run(
      "node",
      ["--conditions=react-server", "--import", "tsx", "tests/reliability/run.ts"],
      // Never connected to: the refusal comes first.
      {
        ...process.env,
        DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/refusal",
        RELIABILITY_APP_PORT: String(port),
      },
    );
    expect(code).toBe(1);
    expect(output).toContain(`[reliability] cannot run: port ${port} is in use`);
    expect(output).toContain("RELIABILITY_APP_PORT");
  } finally {
    holder.close();
  }
}, 90_000);
