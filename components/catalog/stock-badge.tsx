import clsx from "clsx";
import { stockState } from "@/lib/catalog/stock";

/** `reserved`: the stock is not sold, only held by other shoppers' unpaid orders. */
export function StockBadge({ stock, reserved = false }: { stock: number; reserved?: boolean }) {
  const state = stockState(stock);
  const soldOutLabel = reserved ? "Reserved" : "Sold out";
  const label = state === "sold_out" ? soldOutLabel : state === "low" ? `Only ${stock} left` : "In stock";
  return (
    <span
      className={clsx(
        "inline-block rounded-full px-2 py-0.5 text-xs font-medium",
        state === "sold_out" && "bg-stone-200 text-stone-700",
        state === "low" && "bg-amber-100 text-amber-800",
        state === "in_stock" && "bg-brand-50 text-brand-700",
      )}
    >
      {label}
    </span>
  );
}
