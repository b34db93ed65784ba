import { withSeller } from "@/lib/auth/guards";
import { csvRow } from "@/lib/dashboard/csv";
import { parseOrderFilter } from "@/lib/dashboard/filters";
import { orderBatches } from "@/lib/dashboard/orders";
import { formatEat } from "@/lib/format";
import { eatDateKey } from "@/lib/dashboard/time";

export const dynamic = "force-dynamic";

const HEADER = [
  "Reference",
  "Placed (EAT)",
  "Paid (EAT)",
  "Customer",
  "Phone",
  "Status",
  "Fulfilment",
  "Total (KES)",
  "M-Pesa receipt",
  "Items",
  "Needs attention",
  "Delivery",
  "Zone",
  "Delivery fee (KES)",
  "Goods (KES)",
  "County",
  "Town or estate",
  "Landmark",
];

/** The current filter as CSV, streamed batch by batch. */
export async function GET(request: Request) {
  return withSeller(async () => {
    const filter = parseOrderFilter(new URL(request.url).searchParams);
    const encoder = new TextEncoder();
    const batches = orderBatches(filter);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvRow(HEADER)));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) return controller.close();
        const text = next.value
          .map((o) =>
            csvRow([
              o.reference,
              formatEat(o.createdAt),
              o.paidAt ? formatEat(o.paidAt) : "",
              o.customerName,
              o.phone,
              o.status,
              o.fulfilment,
              o.totalKes,
              o.mpesaReceipt,
              o.items.map((i) => `${i.quantity} x ${i.name}`).join("; "),
              o.needsAttention ? "yes" : "",
              o.delivery ? (o.delivery.method === "PICKUP" ? "Pickup" : "Delivery") : "",
              o.delivery?.zoneName,
              o.deliveryFeeKes,
              o.totalKes - o.deliveryFeeKes,
              o.delivery?.county,
              o.delivery?.town,
              o.delivery?.landmark,
            ]),
          )
          .join("");
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="duka-orders-${filter.status}-${eatDateKey(new Date())}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
