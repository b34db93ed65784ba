import "server-only";
import { formatEat } from "@/lib/format";
import { csvRow } from "./csv";
import type { OrderFilter } from "./filters";
import { orderBatches } from "./orders";
import { eatDateKey } from "./time";

const COLUMNS = [
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
  "Refunded (KES)",
  "Refund in progress (KES)",
  "Refund M-Pesa references",
  "Discount code",
  "Discount (KES)",
];

type OrderRow = Extract<
  Awaited<ReturnType<ReturnType<typeof orderBatches>["next"]>>,
  { done?: false }
>["value"][number];

/** One order as a CSV line, in the order of COLUMNS. */
function orderRow(o: OrderRow): string {
  return csvRow([
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
    o.totalKes - o.deliveryFeeKes + o.discountKes,
    o.delivery?.county,
    o.delivery?.town,
    o.delivery?.landmark,
    ...refundColumns(o.refunds),
    o.discountCode,
    o.discountKes || "",
  ]);
}

/** Money sent back (refunds that succeeded), money on its way or in doubt, and the refunds' own receipts. */
function refundColumns(refunds: OrderRow["refunds"]) {
  const sum = (list: OrderRow["refunds"]) => list.reduce((total, r) => total + r.amountKes, 0);
  const done = refunds.filter((r) => r.status === "SUCCEEDED");
  return [
    sum(done),
    sum(refunds.filter((r) => r.status !== "SUCCEEDED")),
    done.flatMap((r) => (r.receipt ? [r.receipt] : [])).join("; "),
  ];
}

/** The orders matching the filter as CSV (times in EAT), streamed batch by batch. */
export function ordersCsv(filter: OrderFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = orderBatches(filter);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(COLUMNS)));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map(orderRow).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export const ordersCsvFilename = (filter: OrderFilter, now: Date) =>
  `duka-orders-${filter.status}-${eatDateKey(now)}.csv`;
