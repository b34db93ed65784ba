import type { CatalogVariant } from "@/lib/catalog/variants";
import type { OrderLine } from "@/lib/payments/stk/checkout";

/**
 * What the seller typed for one line: a catalogue item (a variant: a product with options sells only as one
 * of them, a product without options as its one default variant), or a custom line with its own name and price.
 */
export type LinkLineInput =
  | { kind: "product"; variantId: string; quantity: number }
  | { kind: "custom"; name: string; unitPriceKes: number; quantity: number };

/**
 * Prices a link's lines on the server: a catalogue line at its variant's price now, a custom line at the
 * price the seller typed. The one place a link's lines are priced.
 */
export function priceLinkLines(
  lines: LinkLineInput[],
  variants: CatalogVariant[],
): { ok: true; lines: OrderLine[]; goodsKes: number } | { ok: false; message: string } {
  const byId = new Map(variants.map((v) => [v.id, v]));
  const priced: OrderLine[] = [];
  for (const line of lines) {
    if (line.kind === "custom") {
      priced.push({
        productId: null,
        variantId: null,
        name: line.name,
        variantTitle: "",
        sku: null,
        unitPriceKes: line.unitPriceKes,
        quantity: line.quantity,
      });
      continue;
    }
    const variant = byId.get(line.variantId);
    if (!variant?.active) return { ok: false, message: "A product on the order is no longer sold." };
    priced.push({
      productId: variant.productId,
      variantId: variant.id,
      name: variant.name,
      variantTitle: variant.title,
      sku: variant.sku,
      unitPriceKes: variant.priceKes,
      quantity: line.quantity,
    });
  }
  return {
    ok: true,
    lines: priced,
    goodsKes: priced.reduce((sum, l) => sum + l.unitPriceKes * l.quantity, 0),
  };
}
