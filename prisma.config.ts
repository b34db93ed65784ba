import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, DEFAULT_SHADOW_URL } from "./scripts/defaults.mjs";

// No DATABASE_URL -> the embedded Postgres started by scripts/with-db.mjs.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
// Migrations prefer DIRECT_URL: on Neon / Vercel Postgres DATABASE_URL is the pooled (PgBouncer) address,
// and the schema engine wants a direct session. The app and the seed keep using DATABASE_URL.
const cliUrl = process.env.DIRECT_URL || process.env.DATABASE_URL;
const shadowUrl =
  process.env.SHADOW_DATABASE_URL ??
  (process.env.DATABASE_URL === DEFAULT_DATABASE_URL ? DEFAULT_SHADOW_URL : "");

async function pgAdapter(url: string) {
  const pg = (await import("pg")).default;
  // prisma/prisma#27403: @prisma/adapter-pg 6.x cannot map the `name` (oid 19) and `"char"` (18)
  // columns that the wasm schema engine's catalog queries return. Report them as text.
  const proto = pg.Result.prototype as unknown as {
    addFields(f: { dataTypeID: number }[]): void;
    __fixed?: boolean;
  };
  if (!proto.__fixed) {
    const addFields = proto.addFields;
    proto.addFields = function (fields) {
      for (const f of fields) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
      return addFields.call(this, fields);
    };
    proto.__fixed = true;
  }
  const { parse } = await import("pg-connection-string");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const c = parse(url);
  // Discrete fields, not connectionString: adapter-pg 6.x opens the shadow DB with
  // { ...config, database: "prisma_migrate_shadow_db_…" } and a connectionString would win.
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

export default defineConfig({
  experimental: { adapter: true },
  engine: "js", // wasm schema engine from the npm tarball: nothing downloaded
  adapter: async () => {
    const main = await pgAdapter(cliUrl);
    if (shadowUrl) {
      // PGlite = one database per instance, so the embedded server runs a 2nd instance as shadow DB.
      const shadow = await pgAdapter(shadowUrl);
      main.connectToShadowDb = async () => {
        const conn = await shadow.connect();
        await conn.executeScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        return conn;
      };
    }
    return main;
  },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
});
