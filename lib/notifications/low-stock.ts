import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueLowStockAlerts } from "./enqueue";
import { SETTINGS_ID } from "./recipients";

/** The shop's default when neither the product nor the owner's settings say. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 3;

// For queries over "ProductVariant" v joined to its "Product" p.
/** The variant's low-stock threshold: its product's, else the owner's setting, else the default. */
export const variantThreshold = Prisma.sql`COALESCE(p."lowStockThreshold",
  (SELECT "lowStockThreshold" FROM "NotificationSettings" WHERE "id" = ${SETTINGS_ID}), ${DEFAULT_LOW_STOCK_THRESHOLD})`;
/** "Ankara dress, Red / M"; the product's name alone for a product without options. */
export const variantName = Prisma.sql`CASE WHEN v."title" = '' THEN p."name" ELSE p."name" || ', ' || v."title" END`;

/**
 * After an order is paid: its variants now at or below their threshold that were not alerted yet are
 * marked, and the seller told, once. Concurrent payments update the same variant rows: the second waits
 * for the first and finds the variant already marked, so one crossing makes one alert.
 */
export async function alertLowStock(tx: Tx, orderId: string) {
  const crossed = await tx.$queryRaw<
    { variantId: string; productId: string; name: string; stock: number; alertedAt: Date }[]
  >`
    UPDATE "ProductVariant" v SET "lowStockAlertedAt" = now()
    FROM "Product" p, "OrderItem" i
    WHERE i."orderId" = ${orderId} AND v."id" = i."variantId" AND p."id" = v."productId"
      AND v."lowStockAlertedAt" IS NULL AND NOT v."archived" AND v."stock" <= ${variantThreshold}
    RETURNING v."id" AS "variantId", p."id" AS "productId", ${variantName} AS "name",
      v."stock", v."lowStockAlertedAt" AS "alertedAt"`;
  await enqueueLowStockAlerts(tx, crossed);
}

/**
 * A variant now above its threshold (restocked, or the threshold lowered) is re-armed for the next crossing:
 * the product's variants, or every variant when the shop's default changed (no product).
 */
export async function rearmLowStock(tx: Tx, productId?: string) {
  const ofProduct = productId ? Prisma.sql`v."productId" = ${productId} AND` : Prisma.empty;
  await tx.$executeRaw`
    UPDATE "ProductVariant" v SET "lowStockAlertedAt" = NULL
    FROM "Product" p
    WHERE ${ofProduct} p."id" = v."productId" AND v."lowStockAlertedAt" IS NOT NULL
      AND v."stock" > ${variantThreshold}`;
}
