import "server-only";
import { prisma } from "@/lib/db";
import { summarize } from "@/lib/catalog/variants";

/** Every product, archived ones last, with its category: the seller's catalogue view. */
export async function listSellerProducts() {
  const products = await prisma.product.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      priceKes: true,
      compareAtKes: true,
      imageUrl: true,
      active: true,
      category: { select: { name: true } },
      variants: { where: { archived: false }, select: { priceKes: true, compareAtKes: true, stock: true } },
    },
  });
  return products.map(({ variants, ...p }) => ({
    ...p,
    ...summarize(p, variants),
    variantCount: variants.length,
  }));
}

/** The product with its default variant's stock when it has no options (its stock is on the product form). */
export async function getProductForEdit(id: string) {
  const product = await prisma.product.findUnique({
    where: { id },
    include: { variants: { where: { archived: false }, select: { title: true, stock: true } } },
  });
  if (!product) return null;
  const { variants, ...rest } = product;
  const single = variants.length === 1 && variants[0]!.title === "" ? variants[0]! : null;
  return { ...rest, stock: single?.stock ?? 0, hasOptions: !single };
}

/** The options and every variant, archived ones last: the variants page. */
export function getProductVariants(id: string) {
  return prisma.product.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      slug: true,
      priceKes: true,
      options: { orderBy: { position: "asc" }, select: { name: true, values: true } },
      variants: { orderBy: [{ archived: "asc" }, { position: "asc" }] },
    },
  });
}

export async function listCategories() {
  return prisma.category.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
}
