import { env } from "../lib/env";
import { seedDemoOrders } from "./demo-orders";
import { connect, ensureOwner, seedCatalog, seedDelivery } from "./seeding";

const db = connect();
const seeded = await seedCatalog(db);
await ensureOwner(db, env.seller.email, env.seller.password);
if (await seedDelivery(db)) console.log("[seed] demo delivery options created (pickup, 3 zones)");
// Development only: an empty shop gets demo orders so the seller dashboard has something to show.
if (env.nodeEnv === "development" && process.env.SEED_DEMO_ORDERS !== "0" && (await db.order.count()) === 0) {
  console.log(`[seed] ${await seedDemoOrders(db)} demo orders created (SEED_DEMO_ORDERS=0 to skip)`);
}
console.log(
  `[seed] ${seeded ? "demo catalog created" : "catalog already present"}: ` +
    `${await db.category.count()} categories, ${await db.product.count()} products; seller login ${env.seller.email}` +
    (process.env.SELLER_PASSWORD ? "" : ` / ${env.seller.password} (development default)`),
);
await db.$disconnect();
