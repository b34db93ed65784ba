#!/usr/bin/env node
// Prisma 7's schema engine without a download. The CLI spawns the program named by
// PRISMA_SCHEMA_ENGINE_BINARY (prisma.config.ts points it here) and talks JSON-RPC over its stdio; this
// script answers from the WebAssembly engine that the `prisma` package ships (build/schema_engine_bg.wasm)
// over @prisma/adapter-pg. README "Prisma offline" explains the pieces.
//
//   prisma-schema-engine.mjs --datamodels <file>… --datasource '{"url":…}'   JSON-RPC server (the CLI's use)
//   prisma-schema-engine.mjs --datasource '{"url":…}' cli <command>          one-shot database commands
//   prisma-schema-engine.mjs --version | --self-check                       (self-check: a diff on DATABASE_URL)
// DUKA_SCHEMA_ENGINE_WASM overrides the engine file (the tests point it at a missing one).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";

const require = createRequire(import.meta.url);
// Each log line is JSON, as the native engine writes them: the CLI reads `level` and `fields`.
const log = (level, fields) =>
  process.stderr.write(`${JSON.stringify({ level, target: "schema_engine::logger", fields })}\n`);

class EngineError extends Error {
  constructor(message, errorCode) {
    super(`prisma-schema-engine: ${message}`);
    this.errorCode = errorCode;
  }
}

function fail(message, errorCode) {
  throw new EngineError(message, errorCode);
}

function parseArgs(argv) {
  const out = { datamodels: [], datasource: null, command: null, version: false, selfCheck: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--datamodels") out.datamodels.push(argv[++i]);
    else if (a === "--datasource") out.datasource = JSON.parse(argv[++i]);
    else if (a === "--enabled-preview-features" || a === "--extension-types") i++;
    else if (a === "cli") out.command = argv[++i];
    else if (a === "--version" || a === "-V") out.version = true;
    else if (a === "--self-check") out.selfCheck = true;
    else fail(`unknown argument ${a}`);
  }
  return out;
}

/** The engine's wasm from the `prisma` package, bound to the wasm-bindgen glue of @prisma/schema-engine-wasm. */
async function loadEngineModule() {
  // The engine reports a panic's message here before it traps.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    message: "",
    set_message(m) {
      this.message = `RuntimeError: ${m}`;
    },
  };
  const wasmPath =
    process.env.DUKA_SCHEMA_ENGINE_WASM ||
    path.join(path.dirname(require.resolve("prisma/package.json")), "build/schema_engine_bg.wasm");
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  let engineModule;
  try {
    engineModule = new WebAssembly.Module(readFileSync(wasmPath));
  } catch (e) {
    fail(`cannot load the engine from ${wasmPath}: ${e.message}`);
  }
  const wanted = WebAssembly.Module.imports(engineModule).filter((i) => i.module === "./schema_engine_bg.js");
  const missing = wanted.filter((i) => typeof glue[i.name] !== "function").map((i) => i.name);
  if (missing.length > 0) {
    fail(
      `${wasmPath} needs imports the glue lacks (${missing.slice(0, 3).join(", ")}…): align @prisma/schema-engine-wasm with prisma`,
    );
  }
  const instance = new WebAssembly.Instance(engineModule, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/**
 * prisma/prisma#27403: adapter-pg cannot map Postgres `name` (oid 19) and `"char"` (oid 18) columns, which
 * the schema engine's catalog queries return. Read them as text.
 */
async function patchPgCatalogTypes() {
  const pg = (await import("pg")).default;
  const proto = pg.Result.prototype;
  if (proto.__dukaCatalogTypes) return;
  const addFields = proto.addFields;
  proto.addFields = function (fields) {
    for (const f of fields) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  proto.__dukaCatalogTypes = true;
}

async function pgAdapterFactory(url) {
  const { parse } = await import("pg-connection-string");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const c = parse(url);
  // Discrete fields, not a connection string: adapter-pg opens its throwaway shadow database with
  // { ...config, database: "prisma_migrate_shadow_db_…" }, which a connection string would override.
  return new PrismaPg({
    host: c.host ?? undefined,
    port: c.port ? Number(c.port) : undefined,
    user: c.user,
    password: c.password,
    database: c.database ?? undefined,
    ssl: c.ssl ? { rejectUnauthorized: false } : undefined,
    idleTimeoutMillis: 200,
    allowExitOnIdle: true,
  });
}

async function adapterFor(datasource) {
  await patchPgCatalogTypes();
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const main = await pgAdapterFactory(datasource.url);
  if (datasource.shadowDatabaseUrl) {
    // A named shadow database (PGlite serves one database per instance: the embedded server runs a second
    // instance for it). Start it empty each time, as the native engine does.
    const shadow = await pgAdapterFactory(datasource.shadowDatabaseUrl);
    main.connectToShadowDb = async () => {
      const conn = await shadow.connect();
      await conn.executeScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
      return conn;
    };
  }
  return bindMigrationAwareSqlAdapterFactory(main);
}

function rpcError(e) {
  if (e instanceof WebAssembly.RuntimeError || e?.name === "RuntimeError") {
    const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
    if (panic) e = new Error(panic);
    return {
      code: 4466,
      message: e.message,
      data: { is_panic: true, message: e.stack ?? e.message, error: { message: e.message } },
    };
  }
  const message = e?.message ?? String(e);
  return {
    code: 4466,
    message,
    data: { is_panic: false, message, error_code: e?.code, meta: e?.meta ?? null },
  };
}

const write = (msg) => process.stdout.write(`${JSON.stringify(msg)}\n`);
const pending = new Set(); // ids of the CLI's requests not answered yet

/**
 * The CLI prints nothing and exits 0 when an engine dies without answering (an empty diff that looks like
 * success), so a failure is always sent back as the answer to every request, then the process exits 1.
 */
function answerWithFailure(error) {
  log("ERROR", { message: error.message, ...(error.errorCode ? { error_code: error.errorCode } : {}) });
  const answer = (id) => write({ jsonrpc: "2.0", id, error: rpcError(error) });
  for (const id of pending) answer(id);
  pending.clear();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    const msg = line.trim() ? JSON.parse(line) : {};
    if (msg.method) answer(msg.id);
  });
  lines.on("close", () => process.exit(1));
}

async function serve(engine) {
  let printId = 1_000_000_000; // requests this engine sends to the CLI ("print")
  const methods = {
    getDatabaseVersion: (p) => engine.version(p),
    version: (p) => engine.version(p),
    // The wasm engine hands the diff back; the CLI expects an engine to send it through "print".
    diff: async (p) => {
      const { stdout, ...rest } = await engine.diff(p);
      if (stdout)
        write({
          jsonrpc: "2.0",
          id: printId++,
          method: "print",
          params: { content: stdout.replace(/\n$/, "") },
        });
      return { ...rest, stdout: null };
    },
  };
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let queue = Promise.resolve();
  for await (const line of lines) {
    if (!line.trim()) continue;
    const msg = JSON.parse(line);
    if (!msg.method) continue; // the CLI's answer to a "print"
    pending.add(msg.id);
    // One call at a time, in order, as the native engine runs them.
    queue = queue.then(async () => {
      try {
        const fn =
          methods[msg.method] ??
          ((p) => {
            if (typeof engine[msg.method] !== "function") throw new Error(`unknown method ${msg.method}`);
            return engine[msg.method](p);
          });
        const result = await fn(msg.params);
        write({ jsonrpc: "2.0", id: msg.id, result: result ?? null });
      } catch (e) {
        write({ jsonrpc: "2.0", id: msg.id, error: rpcError(e) });
      }
      pending.delete(msg.id);
    });
  }
  await queue;
}

/** `cli can-connect-to-database | create-database | drop-database`: plain SQL over pg. */
async function oneShot(command, url) {
  const pg = (await import("pg")).default;
  const { parse } = await import("pg-connection-string");
  const target = parse(url);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/?]*(\?|$)/, "/postgres$1") });
  const client = command === "can-connect-to-database" ? new pg.Client({ connectionString: url }) : admin;
  try {
    await client.connect();
    const ident = `"${String(target.database).replaceAll('"', '""')}"`;
    if (command === "create-database") await client.query(`CREATE DATABASE ${ident}`);
    else if (command === "drop-database") await client.query(`DROP DATABASE IF EXISTS ${ident}`);
    else if (command !== "can-connect-to-database") fail(`unknown cli command ${command}`);
  } catch (e) {
    process.stderr.write("prisma-schema-engine\n"); // the CLI skips the first stderr line
    const at = `${target.host ?? "localhost"}:${target.port ?? 5432}`;
    if (e instanceof EngineError) throw e;
    if (e.code === "3D000")
      fail(`Database \`${target.database}\` does not exist on the database server at \`${at}\`.`, "P1003");
    if (["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH"].includes(e.code)) {
      fail(
        `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`,
        "P1001",
      );
    }
    fail(e.message, "P1000");
  } finally {
    await client.end().catch(() => {});
  }
}

async function selfCheck(SchemaEngine, datasource) {
  const schema = 'datasource db {\n  provider = "postgresql"\n}\nmodel SelfCheck {\n  id Int @id\n}\n';
  const engine = await SchemaEngine.new(
    { datamodels: [["self-check.prisma", schema]] },
    () => {},
    await adapterFor(datasource),
  );
  const { stdout } = await engine.diff({
    from: { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [{ path: "self-check.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  if (!stdout?.includes('CREATE TABLE "SelfCheck"'))
    fail(`self-check: the engine's diff was ${JSON.stringify(stdout)}`);
  process.stdout.write("prisma-schema-engine: self-check passed (wasm engine answers a diff)\n");
}

const args = parseArgs(process.argv.slice(2));
const serving = !args.command && !args.version && !args.selfCheck;

function reportAndExit(e) {
  const error = e instanceof EngineError ? e : new EngineError(e?.stack ?? String(e));
  if (serving) return answerWithFailure(error);
  log("ERROR", { message: error.message, ...(error.errorCode ? { error_code: error.errorCode } : {}) });
  process.exit(1);
}

// A panic inside an engine callback escapes every promise: answer with the engine's own message.
process.on("uncaughtException", (e) => {
  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
  reportAndExit(new EngineError(panic ? `${panic}\n${e?.stack ?? e}` : (e?.stack ?? String(e))));
});

try {
  if (args.command) {
    await oneShot(args.command, args.datasource?.url ?? fail("cli commands need --datasource"));
  } else {
    const glue = await loadEngineModule();
    if (args.version) {
      process.stdout.write(`schema-engine-cli ${glue.version()}\n`);
    } else if (args.selfCheck) {
      await selfCheck(
        glue.SchemaEngine,
        args.datasource ?? { url: process.env.DATABASE_URL ?? fail("--self-check needs DATABASE_URL") },
      );
    } else {
      const datamodels = args.datamodels.map((p) => [p, readFileSync(p, "utf8")]);
      const adapter = await adapterFor(
        args.datasource ?? fail("--datasource with a url is required (prisma.config.ts datasource.url)"),
      );
      const engine = await glue.SchemaEngine.new(
        { datamodels: datamodels.length ? datamodels : undefined },
        (m) => log("INFO", { message: String(m) }),
        adapter,
      );
      await serve(engine);
    }
  }
} catch (e) {
  reportAndExit(e);
}
