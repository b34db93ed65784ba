import "server-only";
import { prisma } from "@/lib/db";

/** Everything the owner's delivery page edits, inactive zones included. */
export async function loadDeliverySettings() {
  const [settings, zones] = await Promise.all([
    prisma.deliverySettings.findUnique({ where: { id: 1 } }),
    prisma.deliveryZone.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }] }),
  ]);
  return { settings, zones };
}

/** Zones for the orders filter, by name. */
export function listZoneNames() {
  return prisma.deliveryZone.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
