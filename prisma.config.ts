import path from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, DEFAULT_SHADOW_URL } from "./scripts/defaults.mjs";

// No DATABASE_URL -> the embedded Postgres started by scripts/with-db.mjs.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
// Migrations prefer DIRECT_URL: on Neon / Vercel Postgres DATABASE_URL is the pooled (PgBouncer) address,
// and the schema engine wants a direct session. The app and the seed keep using DATABASE_URL.
const cliUrl = process.env.DIRECT_URL || process.env.DATABASE_URL;
// PGlite serves one database per instance: the embedded server runs a second instance as the shadow database.
const shadowUrl =
  process.env.SHADOW_DATABASE_URL ??
  (process.env.DATABASE_URL === DEFAULT_DATABASE_URL ? DEFAULT_SHADOW_URL : undefined);

// Prisma 7's CLI would download a native schema engine; this script serves the same JSON-RPC from the
// WebAssembly engine inside the `prisma` package (README "Prisma offline").
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(
  import.meta.dirname,
  "scripts/prisma-schema-engine.mjs",
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: cliUrl, ...(shadowUrl ? { shadowDatabaseUrl: shadowUrl } : {}) },
});
