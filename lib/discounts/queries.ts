import "server-only";
import { prisma } from "@/lib/db";

/** Every code with what it brought: paid orders using it, their revenue, the discount given. */
export async function listCodesWithFigures() {
  const [codes, figures] = await Promise.all([
    prisma.discountCode.findMany({ orderBy: [{ active: "desc" }, { createdAt: "desc" }] }),
    prisma.order.groupBy({
      by: ["discountCodeId"],
      where: { status: "PAID", isTest: false, discountCodeId: { not: null } },
      _sum: { totalKes: true, discountKes: true },
      _count: { _all: true },
    }),
  ]);
  const byCode = new Map(figures.map((f) => [f.discountCodeId, f]));
  return codes.map((c) => {
    const f = byCode.get(c.id);
    return {
      ...c,
      paidOrders: f?._count._all ?? 0,
      revenueKes: f?._sum.totalKes ?? 0,
      discountGivenKes: f?._sum.discountKes ?? 0,
    };
  });
}

export function getCode(id: string) {
  return prisma.discountCode.findUnique({ where: { id } });
}

/** What a code can be limited to. */
export async function listCodeTargets() {
  const [products, categories] = await Promise.all([
    prisma.product.findMany({
      where: { active: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    prisma.category.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
  ]);
  return { products, categories };
}
