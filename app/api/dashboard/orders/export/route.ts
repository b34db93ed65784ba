import { withSeller } from "@/lib/auth/guards";
import { parseOrderFilter } from "@/lib/dashboard/filters";
import { ordersCsv, ordersCsvFilename } from "@/lib/dashboard/orders-csv";

export const dynamic = "force-dynamic";

/** The current filter as CSV, streamed batch by batch. */
export async function GET(request: Request) {
  return withSeller(async () => {
    const filter = parseOrderFilter(new URL(request.url).searchParams);
    return new Response(ordersCsv(filter), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${ordersCsvFilename(filter, new Date())}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
