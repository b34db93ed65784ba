/**
 * On the embedded PostgreSQL (PGlite behind @electric-sql/pglite-socket 0.1.6, one shared session), lib/db
 * uses a single connection. Even so, a unique violation raised there can break the session or lose the
 * previous write: the few tests whose path ends in one run on a real server only
 * (`it.skipIf(onEmbeddedDatabase)`).
 */
export { usesEmbeddedDatabase as onEmbeddedDatabase } from "@/lib/db";
