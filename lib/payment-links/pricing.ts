import type { OrderLine } from "@/lib/payments/stk/checkout";

/** What the seller typed for one line: a catalogue product, or a custom line with its own name and price. */
export type LinkLineInput =
  | { kind: "product"; productId: string; quantity: number }
  | { kind: "custom"; name: string; unitPriceKes: number; quantity: number };

type PricedProduct = { id: string; name: string; priceKes: number; active: boolean };

/**
 * Prices a link's lines on the server: a catalogue line at the product's price now, a custom line at the
 * price the seller typed. The one place a link's lines are priced (variants will price here too).
 */
export function priceLinkLines(
  lines: LinkLineInput[],
  products: PricedProduct[],
): { ok: true; lines: OrderLine[]; goodsKes: number } | { ok: false; message: string } {
  const byId = new Map(products.map((p) => [p.id, p]));
  const priced: OrderLine[] = [];
  for (const line of lines) {
    if (line.kind === "custom") {
      priced.push({
        productId: null,
        name: line.name,
        unitPriceKes: line.unitPriceKes,
        quantity: line.quantity,
      });
      continue;
    }
    const product = byId.get(line.productId);
    if (!product?.active) return { ok: false, message: "A product on the order is no longer sold." };
    priced.push({
      productId: product.id,
      name: product.name,
      unitPriceKes: product.priceKes,
      quantity: line.quantity,
    });
  }
  return {
    ok: true,
    lines: priced,
    goodsKes: priced.reduce((sum, l) => sum + l.unitPriceKes * l.quantity, 0),
  };
}
