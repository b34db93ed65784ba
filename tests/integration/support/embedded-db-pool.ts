/**
 * Whether these tests run on the embedded PostgreSQL (PGlite behind scripts/embedded-pg.mjs): it has no
 * LISTEN/NOTIFY across connections, so the live status falls back to polling there.
 */
export { usesEmbeddedDatabase as onEmbeddedDatabase } from "@/lib/db";
