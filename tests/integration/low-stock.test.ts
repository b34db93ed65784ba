/** Low-stock alerts: one per crossing of the threshold, even when paid callbacks race; a restock re-arms. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { PICKUP_KEY } from "@/lib/delivery/pricing";
import { rearmLowStock } from "@/lib/notifications/low-stock";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { createDress, freshPhone, readOrder, withPaymentsHarness } from "./support/payments-harness";

const harness = withPaymentsHarness();

async function buy(variantId: string) {
  const phone = freshPhone();
  const result = await startCheckout({
    lines: [{ variantId, quantity: 1 }],
    customerName: "Wambui Test",
    phone,
    delivery: { key: PICKUP_KEY, seenFeeKes: 0 },
    clientIp: null,
    checkoutKey: randomBytes(12).toString("hex"),
  });
  if (!result.ok) throw new Error(result.message);
  return { phone, publicId: result.publicId };
}

const alertsFor = (variantId: string) =>
  prisma.notification.findMany({
    where: { kind: "LOW_STOCK", idempotencyKey: { startsWith: `low-stock:${variantId}:` } },
  });

describe("low-stock alerts", () => {
  it("alerts once when concurrent paid orders take a variant to its threshold, and again after a restock", async () => {
    await prisma.notificationSettings.upsert({
      where: { id: "shop" },
      update: {
        alertPhones: ["+254700000998"],
        alertEmails: ["stock@shop.example.test"],
        lowStockThreshold: 3,
      },
      create: {
        alertPhones: ["+254700000998"],
        alertEmails: ["stock@shop.example.test"],
        lowStockThreshold: 3,
      },
    });
    const dress = await createDress({ "Red / M": 6, "Blue / L": 9 });
    const redM = dress.variant("Red / M").id;
    const orders = await Promise.all(Array.from({ length: 5 }, () => buy(redM)));
    const other = await buy(dress.variant("Blue / L").id);
    // Reserved but unpaid: no alert yet.
    expect(await alertsFor(redM)).toHaveLength(0);
    await Promise.all([...orders, other].map((o) => harness.emulator.control.pay(o.phone)));
    for (const o of orders) expect((await readOrder(o.publicId)).status).toBe("PAID");

    const alerts = await alertsFor(redM);
    expect(alerts.map((a) => a.channel).sort()).toEqual(["EMAIL", "SMS"]);
    expect(alerts.find((a) => a.channel === "SMS")!.text).toMatch(/Ankara dress, Red \/ M is low: 1 left/);
    expect(await alertsFor(dress.variant("Blue / L").id)).toHaveLength(0);

    // Restocked above the threshold: the next crossing alerts again.
    await prisma.productVariant.update({ where: { id: redM }, data: { stock: 5 } });
    await prisma.$transaction((tx) => rearmLowStock(tx, dress.id));
    const later = await Promise.all([buy(redM), buy(redM)]);
    await Promise.all(later.map((o) => harness.emulator.control.pay(o.phone)));
    expect(await alertsFor(redM)).toHaveLength(4);
  });
});
