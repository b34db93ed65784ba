// Variants as the shop shows and sells them: pure helpers over rows read by the queries.
import { variantName, variantPrice } from "@/lib/pricing/variant-price";

/** One sellable thing: a product's variant, with the product's fields it inherits already applied. */
export type CatalogVariant = {
  id: string;
  productId: string;
  categoryId: string;
  slug: string;
  /** "Ankara dress, Red / M". */
  name: string;
  productName: string;
  /** "Red / M"; empty for a product without options. */
  title: string;
  optionValues: string[];
  sku: string | null;
  priceKes: number;
  compareAtKes: number | null;
  stock: number;
  imageUrl: string;
  /** On sale: the product is active and the variant not archived. */
  active: boolean;
};

export type VariantRow = {
  id: string;
  title: string;
  optionValues: string[];
  sku: string | null;
  priceKes: number | null;
  compareAtKes: number | null;
  stock: number;
  imageUrl: string | null;
  archived: boolean;
  product: {
    id: string;
    categoryId: string;
    slug: string;
    name: string;
    priceKes: number;
    compareAtKes: number | null;
    imageUrl: string;
    active: boolean;
  };
};

export const variantRowSelect = {
  id: true,
  title: true,
  optionValues: true,
  sku: true,
  priceKes: true,
  compareAtKes: true,
  stock: true,
  imageUrl: true,
  archived: true,
  product: {
    select: {
      id: true,
      categoryId: true,
      slug: true,
      name: true,
      priceKes: true,
      compareAtKes: true,
      imageUrl: true,
      active: true,
    },
  },
} as const;

export function toCatalogVariant(row: VariantRow): CatalogVariant {
  const { product } = row;
  return {
    id: row.id,
    productId: product.id,
    categoryId: product.categoryId,
    slug: product.slug,
    name: variantName(product.name, row.title),
    productName: product.name,
    title: row.title,
    optionValues: row.optionValues,
    sku: row.sku,
    ...variantPrice(product, row),
    stock: row.stock,
    imageUrl: row.imageUrl ?? product.imageUrl,
    active: product.active && !row.archived,
  };
}

export type ProductOptionView = { name: string; values: string[] };

/** The query-string key of an option: "Colour" -> "colour". */
export const optionParam = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * The variant a product page shows: the one the URL names by id (`?variant=`) or by values (any case),
 * else the first in stock, else the first. Values the URL leaves out are taken from the first in-stock match.
 */
export function pickVariant<V extends { id: string; optionValues: string[]; stock: number }>(
  options: ProductOptionView[],
  variants: V[],
  params: Record<string, string | string[] | undefined>,
): V | undefined {
  const byId = variants.find((v) => v.id === params.variant);
  if (byId) return byId;
  const wanted = options.map((o) => {
    const raw = params[optionParam(o.name)];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toLowerCase();
    return o.values.find((v) => v.toLowerCase() === value) ?? null;
  });
  const matches = variants.filter((v) => wanted.every((w, i) => w === null || v.optionValues[i] === w));
  return matches.find((v) => v.stock > 0) ?? matches[0] ?? variants.find((v) => v.stock > 0) ?? variants[0];
}

/** The URL query that selects these option values. */
export function variantQuery(options: ProductOptionView[], values: string[]): string {
  const query = new URLSearchParams();
  options.forEach((o, i) => values[i] && query.set(optionParam(o.name), values[i]));
  return query.toString();
}

/** What a product card shows: stock summed over its variants, the lowest price ("from"). */
export function summarize(
  product: { priceKes: number; compareAtKes: number | null },
  variants: { priceKes: number | null; compareAtKes: number | null; stock: number }[],
) {
  const prices = variants.map((v) => variantPrice(product, v));
  const cheapest = prices.reduce(
    (a, b) => (b.priceKes < a.priceKes ? b : a),
    prices[0] ?? variantPrice(product, { priceKes: null, compareAtKes: null }),
  );
  return {
    stock: variants.reduce((sum, v) => sum + Math.max(v.stock, 0), 0),
    priceKes: cheapest.priceKes,
    compareAtKes: cheapest.compareAtKes,
    priceVaries: new Set(prices.map((p) => p.priceKes)).size > 1,
  };
}
