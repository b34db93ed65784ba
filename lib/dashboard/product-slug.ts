import "server-only";
import { prisma } from "@/lib/db";
import { slugify } from "./product-input";

/** The name's web address, or the first of "-2", "-3"… that no other product uses. */
export async function freeSlug(name: string, exceptId: string | null): Promise<string> {
  const base = slugify(name).slice(0, 75).replace(/-+$/, "") || "product";
  const taken = new Set(
    (
      await prisma.product.findMany({
        where: { slug: { startsWith: base }, ...(exceptId ? { id: { not: exceptId } } : {}) },
        select: { slug: true },
      })
    ).map((p) => p.slug),
  );
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}
