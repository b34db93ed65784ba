import "server-only";
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { type DeliveryChoice, type DeliveryConfig, PICKUP_KEY, servesCounty } from "./pricing";

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
        ? {
            address: settings.pickupAddress,
            hours: settings.pickupHours,
            payOnCollection: settings.payOnPickup,
          }
        : null,
    zones: zones.map((z) => ({
      id: z.id,
      name: z.name,
      feeKes: z.feeKes,
      etaText: z.etaText,
      counties: z.counties,
      payOnDelivery: z.payOnDelivery ? { maxKes: z.payOnDeliveryMaxKes } : null,
    })),
    freeThresholdKes: settings?.freeDeliveryThresholdKes ?? null,
    payOnDeliveryNote: settings?.payOnDeliveryNote ?? "",
  };
}

/** A zone chosen for a county it does not cover: the message for the county field, else null. */
export async function findUnservedCounty(choice: DeliveryChoice): Promise<string | null> {
  if (choice.key === PICKUP_KEY || !choice.county) return null;
  const zone = (await loadDeliveryConfig()).zones.find((z) => z.id === choice.key);
  if (!zone || servesCounty(zone, choice.county)) return null;
  return `${zone.name} does not deliver to ${choice.county}: choose another option or county.`;
}
