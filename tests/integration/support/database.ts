import { connect, ensureOwner, seedCatalog, truncateAll } from "@/prisma/seeding";

/** Empties the database and seeds the demo shop: each test file starts from this known state. */
export async function resetShop({ seed = true } = {}) {
  const db = connect();
  try {
    await truncateAll(db);
    if (seed) {
      await seedCatalog(db);
      await ensureOwner(db, "owner@duka.test", "duka-owner-123");
    }
  } finally {
    await db.$disconnect();
  }
}
