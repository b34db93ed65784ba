import "server-only";
import { prisma } from "@/lib/db";
import { cachedCatalogRead } from "./cache";
import { minutesUntilReleased } from "@/lib/payments/core/stock";

const MAX_SEARCH_LENGTH = 100;

// What a product card and the product page show: no timestamps (cached entries are JSON).
const cardFields = { id: true, slug: true, name: true, priceKes: true, stock: true, imageUrl: true } as const;
const categoryFields = { id: true, slug: true, name: true, description: true } as const;

/** Cached until the catalogue changes (lib/catalog/cache.ts), like the rest of the storefront's reads. */
export const getCategories = cachedCatalogRead("categories", () =>
  prisma.category.findMany({ orderBy: { sortOrder: "asc" }, select: categoryFields }),
);

export const getFeaturedProducts = cachedCatalogRead("featured", () =>
  prisma.product.findMany({
    where: { active: true, featured: true },
    orderBy: { name: "asc" },
    take: 8,
    select: cardFields,
  }),
);

export const getCategoryWithProducts = cachedCatalogRead("category", (slug: string) =>
  prisma.category.findUnique({
    where: { slug },
    select: {
      ...categoryFields,
      products: { where: { active: true }, orderBy: { name: "asc" }, select: cardFields },
    },
  }),
);

export const getProductBySlug = cachedCatalogRead("product", (slug: string) =>
  prisma.product.findFirst({
    where: { slug, active: true },
    select: { ...cardFields, description: true, category: { select: categoryFields } },
  }),
);

/**
 * When a sold-out product's stock is only held by other shoppers' unpaid orders: the minutes until the
 * first of those reservations ends (then it is back on sale unless paid). Null when nothing is held.
 */
export function getMinutesUntilReservationEnds(productId: string): Promise<number | null> {
  return minutesUntilReleased(prisma, productId);
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
export function searchProducts(query: string) {
  const q = likeText(query);
  if (!q) return Promise.resolve([]);
  return prisma.product.findMany({
    where: {
      active: true,
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { description: { contains: q, mode: "insensitive" } },
      ],
    },
    orderBy: { name: "asc" },
    take: 48,
  });
}

/** Products a seller can put on a payment link: on sale, by name. */
export function listLinkProducts() {
  return prisma.product.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, priceKes: true },
  });
}
