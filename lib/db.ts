import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { oneQueryAtATimePool } from "@/lib/pg-pool";

export const EMBEDDED_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${env.embeddedPgPort}/postgres`;

// No DATABASE_URL: the embedded PostgreSQL that `npm run dev` and the tests start (scripts/with-db.mjs).
const connectionString = env.databaseUrl ?? EMBEDDED_DATABASE_URL;

/**
 * The embedded PGlite is ONE session behind a socket server (@electric-sql/pglite-socket 0.1.6): queries
 * from two connections interleaving with a transaction lose their portals. One connection sends it one
 * whole statement at a time. A real PostgreSQL keeps a pool.
 */
export const usesEmbeddedDatabase = connectionString === EMBEDDED_DATABASE_URL;

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg(oneQueryAtATimePool({ connectionString, max: usesEmbeddedDatabase ? 1 : 10 }), {
      disposeExternalPool: true,
    }),
  });
}

// One client per server process; kept on globalThis so Next's dev hot reloads reuse it.
const g = globalThis as unknown as { duka_prisma?: PrismaClient };
export const prisma = g.duka_prisma ?? createClient();
if (env.nodeEnv !== "production") g.duka_prisma = prisma;

export type Db = typeof prisma;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
