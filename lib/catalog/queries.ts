import "server-only";
import { prisma } from "@/lib/db";
import { cachedCatalogRead } from "./cache";
import { summarize, toCatalogVariant, variantRowSelect } from "./variants";
import { minutesUntilReleased } from "@/lib/payments/core/stock";

const MAX_SEARCH_LENGTH = 100;

// What a product card and the product page show: no timestamps (cached entries are JSON).
const cardFields = {
  id: true,
  slug: true,
  name: true,
  priceKes: true,
  compareAtKes: true,
  imageUrl: true,
} as const;
const categoryFields = { id: true, slug: true, name: true, description: true } as const;

/** Cached until the catalogue changes (lib/catalog/cache.ts), like the rest of the storefront's reads. */
export const getCategories = cachedCatalogRead("categories", () =>
  prisma.category.findMany({ orderBy: { sortOrder: "asc" }, select: categoryFields }),
);

const onSale = { where: { archived: false }, select: { priceKes: true, compareAtKes: true, stock: true } };

/** A product as a card shows it: its variants' stock summed, its lowest price. */
function toCard<
  P extends { priceKes: number; compareAtKes: number | null; variants: Parameters<typeof summarize>[1] },
>(product: P) {
  const { variants, ...rest } = product;
  return { ...rest, ...summarize(product, variants) };
}

export const getFeaturedProducts = cachedCatalogRead("featured", async () => {
  const products = await prisma.product.findMany({
    where: { active: true, featured: true },
    orderBy: { name: "asc" },
    take: 8,
    select: { ...cardFields, variants: onSale },
  });
  return products.map(toCard);
});

export const getCategoryWithProducts = cachedCatalogRead("category", async (slug: string) => {
  const category = await prisma.category.findUnique({
    where: { slug },
    select: {
      ...categoryFields,
      products: {
        where: { active: true },
        orderBy: { name: "asc" },
        select: { ...cardFields, variants: onSale },
      },
    },
  });
  return category && { ...category, products: category.products.map(toCard) };
});

// What the product page needs of each variant a shopper can pick (no timestamps: cached entries are JSON).
const pickableVariant = {
  id: true,
  optionValues: true,
  title: true,
  sku: true,
  priceKes: true,
  compareAtKes: true,
  stock: true,
  imageUrl: true,
} as const;

/** A product on sale with its options and the variants a shopper can pick. */
export const getProductBySlug = cachedCatalogRead("product", (slug: string) =>
  prisma.product.findFirst({
    where: { slug, active: true },
    select: {
      ...cardFields,
      description: true,
      category: { select: categoryFields },
      options: { orderBy: { position: "asc" }, select: { name: true, values: true } },
      variants: { where: { archived: false }, orderBy: { position: "asc" }, select: pickableVariant },
    },
  }),
);

/**
 * When a sold-out product's stock is only held by other shoppers' unpaid orders: the minutes until the
 * first of those reservations ends (then it is back on sale unless paid). Null when nothing is held.
 */
export function getMinutesUntilReservationEnds(variantId: string): Promise<number | null> {
  return minutesUntilReleased(prisma, variantId);
}

// Prisma's `contains` with driver adapters passes LIKE wildcards through: escape them so "%" means "%".
// PostgreSQL text cannot hold NUL, so control characters are dropped.
function likeText(query: string) {
  return query
    .replace(/[\u0000-\u001f]/g, "")
    .trim()
    .slice(0, MAX_SEARCH_LENGTH)
    .replace(/[\\%_]/g, "\\$&");
}

/** Case-insensitive match on name or description; the input is bound as a parameter, never spliced into SQL. */
export async function searchProducts(query: string) {
  const q = likeText(query);
  if (!q) return [];
  const products = await prisma.product.findMany({
    where: {
      active: true,
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { description: { contains: q, mode: "insensitive" } },
      ],
    },
    orderBy: { name: "asc" },
    take: 48,
    include: { variants: onSale },
  });
  return products.map(toCard);
}

/** What a payment link can sell: every variant on sale (a product without options is its one variant). */
export async function listLinkItems() {
  const rows = await prisma.productVariant.findMany({
    where: { archived: false, product: { active: true } },
    select: variantRowSelect,
  });
  return rows
    .map(toCatalogVariant)
    .map((v) => ({ id: v.id, name: v.name, priceKes: v.priceKes, stock: v.stock }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
