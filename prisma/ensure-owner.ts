// Deploy step (vercel.json buildCommand): creates the shop owner's account from SELLER_EMAIL and
// SELLER_PASSWORD if it does not exist yet. Production has no seed, so this is how the first login exists.
import { env } from "../lib/env";
import { connect, ensureOwner } from "./seeding";

if (!process.env.SELLER_EMAIL || !process.env.SELLER_PASSWORD) {
  console.log("[ensure-owner] SELLER_EMAIL / SELLER_PASSWORD not set: no owner account created");
} else {
  const db = connect(process.env.DIRECT_URL || process.env.DATABASE_URL);
  const owner = await ensureOwner(db, env.seller.email, env.seller.password);
  console.log(`[ensure-owner] owner account ${owner.email} is present`);
  await db.$disconnect();
}
