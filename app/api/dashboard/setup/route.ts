import { withSeller } from "@/lib/auth/guards";
import { runSetupChecks } from "@/lib/setup/checks";

export const dynamic = "force-dynamic";

/** The Setup page's checks as JSON, for the owner (a monitor can poll it with the owner's session). */
export async function GET() {
  return withSeller(
    async () =>
      Response.json({ checks: await runSetupChecks() }, { headers: { "Cache-Control": "no-store" } }),
    "OWNER",
  );
}
