import clsx from "clsx";
import type { OrderRow } from "@/lib/dashboard/orders";
import { ORDER_COLUMNS } from "./order-columns";

// One markup, two layouts: on a phone each order is a card (reference and amount on top, one line per other
// column); from md up the same cells line up as a table, in the columns' order.
const row = "grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 md:grid-cols-(--order-cols) md:items-center";
const placement = {
  title: "col-start-1 row-start-1 md:col-auto md:row-auto",
  amount: "col-start-2 row-start-1 text-right md:col-auto md:row-auto md:text-left",
  line: "col-span-2 md:col-span-1",
};

/** Orders as a table on wide screens and as stacked cards on a phone. */
export function OrdersList({ rows }: { rows: OrderRow[] }) {
  if (rows.length === 0)
    return (
      <p className="rounded-xl border border-stone-200 bg-white p-6 text-center text-stone-600">
        No orders match these filters.
      </p>
    );
  const style = { "--order-cols": ORDER_COLUMNS.map((c) => c.width).join(" ") } as React.CSSProperties;
  return (
    <div className="rounded-xl border border-stone-200 bg-white" style={style}>
      <div
        className={clsx(
          "hidden border-b border-stone-200 px-3 py-2 text-xs font-medium text-stone-500 uppercase md:grid",
          row,
        )}
        aria-hidden="true"
      >
        {ORDER_COLUMNS.map((c) => (
          <span key={c.label}>{c.label}</span>
        ))}
      </div>
      <ul className="divide-y divide-stone-100" data-testid="orders-list">
        {rows.map((o) => (
          <li
            key={o.id}
            data-testid="order-row"
            className={clsx("relative min-h-11 px-3 py-3 text-sm hover:bg-stone-50", row)}
          >
            {ORDER_COLUMNS.map((c) => (
              <div key={c.label} className={clsx("min-w-0", placement[c.card])}>
                {c.cell(o)}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
