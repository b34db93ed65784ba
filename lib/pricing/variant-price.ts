// What a variant sells at: its own price or its product's, and the struck-through price when on sale.

export type PriceFields = { priceKes: number; compareAtKes: number | null };
export type VariantPriceFields = { priceKes: number | null; compareAtKes: number | null };

export type ShelfPrice = {
  priceKes: number;
  /** The old price to strike through; null unless it is above the price. */
  compareAtKes: number | null;
};

export function variantPrice(product: PriceFields, variant: VariantPriceFields): ShelfPrice {
  const priceKes = variant.priceKes ?? product.priceKes;
  const compareAt = variant.compareAtKes ?? product.compareAtKes;
  return { priceKes, compareAtKes: compareAt !== null && compareAt > priceKes ? compareAt : null };
}

/** "Ankara dress, Red / M"; the product's name alone when it has no options. */
export function variantName(productName: string, title: string): string {
  return title ? `${productName}, ${title}` : productName;
}

/** The option values joined as shoppers read them: ["Red", "M"] -> "Red / M". */
export function variantTitle(values: string[]): string {
  return values.join(" / ");
}
