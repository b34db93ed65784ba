import clsx from "clsx";
import { stockState } from "@/lib/catalog/stock";

export function StockBadge({ stock }: { stock: number }) {
  const state = stockState(stock);
  const label = state === "sold_out" ? "Sold out" : state === "low" ? `Only ${stock} left` : "In stock";
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
