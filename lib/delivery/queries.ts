import "server-only";
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import type { DeliveryConfig } from "./pricing";

/** The delivery options shoppers can choose now (active zones only), read inside `db` (a transaction or not). */
export async function loadDeliveryConfig(db: Tx = prisma): Promise<DeliveryConfig> {
  // One after the other: inside a transaction both share one connection anyway.
  const settings = await db.deliverySettings.findUnique({ where: { id: 1 } });
  const zones = await db.deliveryZone.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
  });
  return {
    pickup:
      settings?.pickupEnabled && settings.pickupAddress
        ? { address: settings.pickupAddress, hours: settings.pickupHours }
        : null,
    zones: zones.map((z) => ({
      id: z.id,
      name: z.name,
      feeKes: z.feeKes,
      etaText: z.etaText,
      counties: z.counties,
    })),
    freeThresholdKes: settings?.freeDeliveryThresholdKes ?? null,
  };
}
