import "server-only";
import { usesEmbeddedDatabase } from "@/lib/db";
import { env } from "@/lib/env";

// PgBouncer in transaction mode (Neon's "-pooler" hosts, port 6432) hands each statement to any server
// session: a LISTEN there would be lost at once.
const looksPooled = (url: string) => /-pooler\.|:6432\/|pgbouncer=true/i.test(url);

/**
 * The URL of the one LISTEN connection per instance: DIRECT_URL, else DATABASE_URL when it is not a pooler;
 * null (streams poll) when LIVE_LISTEN=off or on the embedded PGlite, whose one shared session delivers a
 * notification to whichever connection committed, never to the listener.
 */
export function listenUrl(): string | null {
  if (!env.live.listen || usesEmbeddedDatabase) return null;
  if (env.directUrl) return env.directUrl;
  return env.databaseUrl && !looksPooled(env.databaseUrl) ? env.databaseUrl : null;
}
