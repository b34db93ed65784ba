// Seeding helpers shared by `prisma db seed`, the dev script and the tests' database resets.
import bcrypt from "bcryptjs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { oneQueryAtATimePool } from "../lib/pg-pool";
import { categories, products, type SeedProduct } from "./catalog-data";

export function connect(url = process.env.DATABASE_URL) {
  if (!url) throw new Error("DATABASE_URL is not set");
  return new PrismaClient({
    adapter: new PrismaPg(oneQueryAtATimePool({ connectionString: url }), { disposeExternalPool: true }),
  });
}

/** Creates the demo catalog unless the shop already has categories (so a seller's edits survive restarts). */
export async function seedCatalog(db: PrismaClient): Promise<boolean> {
  if ((await db.category.count()) > 0) return false;
  for (const [i, c] of categories.entries()) {
    await db.category.create({ data: { ...c, sortOrder: i } });
  }
  const ids = new Map((await db.category.findMany()).map((c) => [c.slug, c.id]));
  for (const p of products) await db.product.create({ data: seedProductData(p, ids.get(p.category)!) });
  // A code a new developer can try at checkout: 10 % off, no limits.
  await db.discountCode.create({ data: { code: "KARIBU10", kind: "PERCENT", value: 10 } });
  return true;
}

/** A demo product with its options and a variant per combination (one default variant without options). */
function seedProductData(product: SeedProduct, categoryId: string) {
  const { featured, options = [], variants = {}, colours, stock, compareAtKes } = product;
  const p = {
    slug: product.slug,
    name: product.name,
    description: product.description,
    priceKes: product.priceKes,
  };
  const combos = options.reduce<string[][]>(
    (acc, o) => acc.flatMap((v) => o.values.map((x) => [...v, x])),
    [[]],
  );
  const colourAt = options.findIndex((o) => o.name === "Colour");
  return {
    ...p,
    compareAtKes: compareAtKes ?? null,
    featured: featured ?? false,
    imageUrl: `/products/${p.slug}.svg`,
    categoryId,
    options: { create: options.map((o, position) => ({ ...o, position })) },
    variants: {
      create: combos.map((values, position) => {
        const title = values.join(" / ");
        const colour = colourAt >= 0 && colours ? values[colourAt] : undefined;
        return {
          title,
          optionValues: values,
          position,
          stock: variants[title]?.stock ?? stock,
          priceKes: variants[title]?.priceKes ?? null,
          imageUrl: colour ? `/products/${p.slug}-${colour.toLowerCase()}.svg` : null,
        };
      }),
    },
  };
}

/**
 * The demo shop's delivery: a pickup point, three zones and a free-delivery threshold. Only when the shop
 * has no delivery settings yet, so the owner's own settings survive restarts.
 */
export async function seedDelivery(db: PrismaClient): Promise<boolean> {
  if (await db.deliverySettings.findUnique({ where: { id: 1 } })) return false;
  await db.deliverySettings.create({
    data: {
      id: 1,
      pickupAddress: "Duka shop, Kimathi Street, Nairobi CBD (next to the Hilton)",
      pickupHours: "Mon-Sat 8:00-18:00",
      freeDeliveryThresholdKes: 5000,
      payOnDeliveryNote: "Pay the rider by M-Pesa (a prompt on your phone) or cash when your order arrives.",
    },
  });
  await db.deliveryZone.createMany({
    data: [
      {
        name: "Nairobi CBD",
        feeKes: 200,
        etaText: "Same day",
        counties: ["Nairobi"],
        sortOrder: 1,
        payOnDelivery: true,
      },
      {
        name: "Nairobi suburbs",
        feeKes: 350,
        etaText: "Next day",
        counties: ["Nairobi", "Kiambu", "Machakos", "Kajiado"],
        sortOrder: 2,
        payOnDelivery: true,
        payOnDeliveryMaxKes: 20000,
      },
      {
        name: "Rest of Kenya by courier",
        feeKes: 600,
        etaText: "2-4 working days",
        counties: [],
        sortOrder: 3,
      },
    ],
  });
  return true;
}

/** Makes sure the shop has its owner account; an existing account's password is left alone. */
export async function ensureOwner(db: PrismaClient, email: string, password: string) {
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return existing;
  const passwordHash = await bcrypt.hash(password, 10);
  return db.user.create({ data: { email, name: "Shop owner", passwordHash, role: "OWNER" } });
}

/** Empties every table (the migrations' own bookkeeping aside): each test file starts from a known state. */
export async function truncateAll(db: PrismaClient) {
  // Read from the database, so a table a new migration adds is emptied too.
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  const list = tables.map((t) => `"${t.name.replace(/"/g, '""')}"`).join(", ");
  await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}
