import { withSeller } from "@/lib/auth/guards";
import { getDashboardSummary } from "@/lib/dashboard/summary";

export const dynamic = "force-dynamic";

/** The overview's figures, polled by the dashboard so new paid orders show up without a reload. */
export async function GET() {
  return withSeller(async () =>
    Response.json(await getDashboardSummary(), { headers: { "Cache-Control": "no-store" } }),
  );
}
