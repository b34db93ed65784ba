export const LOW_STOCK_THRESHOLD = 5;

export type StockState = "in_stock" | "low" | "sold_out";

export function stockState(stock: number): StockState {
  if (stock <= 0) return "sold_out";
  return stock <= LOW_STOCK_THRESHOLD ? "low" : "in_stock";
}
