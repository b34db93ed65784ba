import { AttentionBadge, StatusBadge } from "@/components/dashboard/status-badge";
import type { OrderDetail } from "@/lib/dashboard/orders";
import { fulfilmentLabel } from "@/lib/delivery/fulfilment";
import { formatEat } from "@/lib/format";
import { FlagList } from "./flag-list";

/** The order's reference and badges, and why it needs attention when it does. */
export function OrderHeader({ order }: { order: OrderDetail }) {
  const method = order.delivery?.method ?? null;
  const flags = order.events
    .filter((e) => e.kind === "FLAGGED" && !e.resolution)
    .map((e) => ({ id: e.id, note: e.note ?? "", when: formatEat(e.at) }));
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold">{order.reference}</h1>
        <StatusBadge value={order.status} />
        {order.status === "PAID" && (
          <StatusBadge value={order.fulfilment} label={fulfilmentLabel(method, order.fulfilment)} />
        )}
        {order.needsAttention && <AttentionBadge />}
      </div>
      {flags.length > 0 && (
        <section
          className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
          aria-labelledby="attention-h"
        >
          <h2 id="attention-h" className="font-semibold">
            Why this order needs attention
          </h2>
          <p className="mt-1">
            Check the M-Pesa statement, deal with each point below, then mark it resolved.
          </p>
          <FlagList reference={order.reference} flags={flags} />
        </section>
      )}
    </>
  );
}
