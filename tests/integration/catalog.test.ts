import { beforeAll, describe, expect, it } from "vitest";
import {
  getCategoryWithProducts,
  getFeaturedProducts,
  getProductBySlug,
  searchProducts,
} from "@/lib/catalog/queries";
import { priceLines } from "@/lib/cart/queries";
import { prisma } from "@/lib/db";
import { resetShop } from "./support/database";

beforeAll(() => resetShop());

describe("catalog on PostgreSQL", () => {
  it("seeds a realistic shop: categories, products, low stock and a sold-out item", async () => {
    const categories = await prisma.category.findMany();
    expect(categories.length).toBeGreaterThanOrEqual(3);
    const products = await prisma.product.findMany();
    expect(products.length).toBeGreaterThanOrEqual(24);
    const cards = (
      await Promise.all(categories.map(async (c) => (await getCategoryWithProducts(c.slug))!.products))
    ).flat();
    expect(cards.some((p) => p.stock === 0)).toBe(true);
    expect(cards.some((p) => p.stock > 0 && p.stock <= 5)).toBe(true);
    expect(products.every((p) => Number.isInteger(p.priceKes) && p.imageUrl.startsWith("/products/"))).toBe(
      true,
    );
    expect((await getFeaturedProducts()).length).toBeGreaterThan(0);
  });

  it("finds products by name or description, case-insensitively", async () => {
    expect((await searchProducts("COFFEE")).map((p) => p.slug)).toContain("kenya-aa-coffee-500g");
    expect((await searchProducts("tabaka")).map((p) => p.slug)).toEqual(["soapstone-elephant"]);
  });

  it("treats any search text as text, never as SQL or a pattern", async () => {
    for (const q of [
      '\'; DROP TABLE "Product"; --',
      "%",
      "_",
      "\\",
      "\u0000zzqq",
      "😀",
      "a".repeat(10_000),
    ]) {
      await expect(searchProducts(q)).resolves.toEqual([]);
    }
    expect(await prisma.product.count()).toBeGreaterThanOrEqual(24);
  });

  it("returns nothing for unknown or archived slugs", async () => {
    expect(await getCategoryWithProducts("nope")).toBeNull();
    await prisma.product.update({ where: { slug: "bao-board" }, data: { active: false } });
    expect(await getProductBySlug("bao-board")).toBeNull();
    const crafts = await getCategoryWithProducts("crafts");
    expect(crafts?.products.map((p) => p.slug)).not.toContain("bao-board");
  });

  it("prices a cart from the database, whatever the client claims", async () => {
    const single = { include: { variants: true } } as const;
    const coffee = await prisma.product.findUniqueOrThrow({
      where: { slug: "kenya-aa-coffee-500g" },
      ...single,
    });
    const honey = await prisma.product.findUniqueOrThrow({
      where: { slug: "mau-forest-honey-500g" },
      ...single,
    });
    const cart = await priceLines([
      { variantId: coffee.variants[0]!.id, quantity: 2 },
      { variantId: honey.variants[0]!.id, quantity: 50 },
    ]);
    expect(cart.subtotalKes).toBe(2 * coffee.priceKes + honey.variants[0]!.stock * honey.priceKes);
    expect(cart.notices).toHaveLength(1);
  });
});
