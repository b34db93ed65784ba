import { connect, ensureOwner, seedCatalog, seedDelivery, truncateAll } from "@/prisma/seeding";

/**
 * Empties the database and seeds the demo shop: each test file starts from this known state. The demo
 * delivery options (pickup, zones) are always there: no checkout works without them.
 */
export async function resetShop({ seed = true } = {}) {
  const db = connect();
  try {
    await truncateAll(db);
    if (seed) {
      await seedCatalog(db);
      await ensureOwner(db, "owner@duka.test", "duka-owner-123");
    }
    await seedDelivery(db);
  } finally {
    await db.$disconnect();
  }
}
