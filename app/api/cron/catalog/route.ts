import { catalogChanged } from "@/lib/catalog/cache";
import { cronAuthorized } from "@/lib/setup/cron-auth";

export const runtime = "nodejs";

/**
 * The catalogue changed behind the app's back (SQL by hand, an import, a restored backup): the storefront's
 * cached pages are rendered afresh on their next visit instead of within the hour.
 * `curl -X POST -H "Authorization: Bearer $CRON_SECRET" https://<shop>/api/cron/catalog`
 */
export async function POST(request: Request) {
  if (!cronAuthorized(request)) return Response.json({ error: "Unauthorized" }, { status: 401 });
  catalogChanged();
  return Response.json({ ok: true });
}
