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

/** The variant a product's own page shows: the first in stock, else the first. */
export function defaultVariant<V extends { stock: number }>(variants: V[]): V | undefined {
  return variants.find((v) => v.stock > 0) ?? variants[0];
}

/** An option value as it reads in an address: "Dark Blue" -> "dark-blue", "Café 42" -> "cafe-42". */
const pathWords = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/**
 * The last part of each variant's own address, /products/<slug>/<key>, by variant id: its option values as
 * words ("red-m"), or its id where those words are empty (values in another script) or would name two
 * variants of the product ("S/M" and "S M").
 */
export function variantKeys(variants: { id: string; optionValues: string[] }[]): Map<string, string> {
  const words = variants.map((v) => v.optionValues.map(pathWords).filter(Boolean).join("-"));
  return new Map(
    variants.map((v, i) => {
      const key = words[i]!;
      return [v.id, key && words.indexOf(key) === words.lastIndexOf(key) ? key : v.id];
    }),
  );
}

/** The variant an address's last part names: by its key, or by its id (a cart line's link, an old `?variant=`). */
export function variantByKey<V extends { id: string; optionValues: string[] }>(
  variants: V[],
  key: string,
): V | undefined {
  const keys = variantKeys(variants);
  return variants.find((v) => v.id === key || keys.get(v.id) === key);
}

/** A variant's own page; the product's page for a product without options (its one variant). */
export function variantPath(
  slug: string,
  variant: { id: string; optionValues: string[] },
  keys: Map<string, string>,
) {
  return variant.optionValues.length
    ? `/products/${slug}/${keys.get(variant.id) ?? variant.id}`
    : `/products/${slug}`;
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
