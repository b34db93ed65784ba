import "server-only";
import { prisma } from "@/lib/db";

/** Every product, archived ones last, with its category: the seller's catalogue view. */
export async function listSellerProducts() {
  return prisma.product.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      priceKes: true,
      stock: true,
      imageUrl: true,
      active: true,
      category: { select: { name: true } },
    },
  });
}

export async function getProductForEdit(id: string) {
  return prisma.product.findUnique({ where: { id } });
}

export async function listCategories() {
  return prisma.category.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
}
