// Prisma 7's CLI migrates through scripts/prisma-schema-engine.mjs (the WebAssembly engine shipped in the
// `prisma` package), not a downloaded binary. These run the real CLI against this suite's database.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const CLI_TIMEOUT = 120_000;

async function prisma(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/prisma", args, {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}

describe("Prisma CLI on the WebAssembly schema engine", () => {
  it(
    "writes the whole schema as SQL, one CREATE TABLE per model",
    async () => {
      const out = await prisma([
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
      ]);
      expect(out.code).toBe(0);
      for (const table of ["Product", "Order", "PaymentAttempt", "Notification"]) {
        expect(out.stdout).toContain(`CREATE TABLE "${table}"`);
      }
    },
    CLI_TIMEOUT,
  );

  it(
    "finds every migration applied and the migrations matching the schema",
    async () => {
      const status = await prisma(["migrate", "status"]);
      expect(status.code).toBe(0);
      const folders = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) =>
        d.isDirectory(),
      );
      expect(status.stdout).toContain(`${folders.length} migrations found`);
      expect(status.stdout).toContain("Database schema is up to date!");

      // A schema edited without its migration would show here as SQL to add.
      const diff = await prisma([
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
      ]);
      expect(diff.code).toBe(0);
      expect(diff.stdout.trim()).toBe("-- This is an empty migration.");
    },
    CLI_TIMEOUT,
  );

  it(
    "fails with the reason when the engine cannot reach its database",
    async () => {
      const out = await prisma(["migrate", "status"], {
        DATABASE_URL: "postgresql://postgres@127.0.0.1:9/nowhere",
        DIRECT_URL: "",
        SHADOW_DATABASE_URL: "",
      });
      expect(out.code).not.toBe(0);
      expect(out.stdout + out.stderr).toContain("Can't reach database server at `127.0.0.1:9`");
    },
    CLI_TIMEOUT,
  );

  it(
    "fails loudly when the engine itself cannot start",
    async () => {
      const check = await run("node", ["scripts/prisma-schema-engine.mjs", "--self-check"]);
      expect(check.stdout).toContain("self-check passed");
      // No engine to load: the script must say so, not answer nothing (which the CLI would print as an
      // empty diff with exit code 0).
      const broken = await prisma(
        ["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script"],
        {
          PRISMA_SCHEMA_ENGINE_BINARY: "scripts/prisma-schema-engine.mjs",
          DUKA_SCHEMA_ENGINE_WASM: "/nonexistent/schema_engine_bg.wasm",
        },
      );
      expect(broken.code).not.toBe(0);
      expect(broken.stdout + broken.stderr).toContain("prisma-schema-engine: cannot load the engine");
      expect(broken.stdout).not.toContain("CREATE TABLE");
    },
    CLI_TIMEOUT,
  );
});
