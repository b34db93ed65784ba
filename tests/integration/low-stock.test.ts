/** Low-stock alerts: one per crossing of the threshold, even when paid callbacks race; a restock re-arms. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { PICKUP_KEY } from "@/lib/delivery/pricing";
import { rearmLowStock } from "@/lib/notifications/low-stock";
import { startCheckout } from "@/lib/payments/stk/checkout";
import {
  createDress,
  createProduct,
  freshPhone,
  readOrder,
  withPaymentsHarness,
} from "./support/payments-harness";
import { formOf } from "./support/sellers";

vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => ({ id: "o", email: "o@d.test", name: "Owner", role: "OWNER" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
const { saveProduct } = await import("@/lib/dashboard/product-actions");
const { saveAlertSettings } = await import("@/lib/notifications/settings-actions");

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

/** The product form as the seller posts it for an existing product, with the given low-stock box. */
async function editForm(productId: string, lowStockThreshold: string) {
  const p = await prisma.product.findUniqueOrThrow({ where: { id: productId }, include: { variants: true } });
  const stock = String(p.variants[0]!.stock);
  return formOf({
    id: p.id,
    name: p.name,
    slug: p.slug,
    description: p.description,
    priceKes: String(p.priceKes),
    stock,
    stockSeen: stock,
    categoryId: p.categoryId,
    lowStockThreshold,
  });
}

const alertedAt = async (variantId: string) =>
  (await prisma.productVariant.findUniqueOrThrow({ where: { id: variantId } })).lowStockAlertedAt;

const alertSettings = (lowStockThreshold: string) =>
  formOf({
    alertPhones: "0700000998",
    alertEmails: "stock@shop.example.test",
    smsEnabled: "on",
    emailEnabled: "on",
    lowStockThreshold,
  });

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

  it("uses the product's own threshold when the seller set one, else the shop's, and re-arms when either drops", async () => {
    expect(await saveAlertSettings(null, alertSettings("3"))).toMatchObject({ ok: true });
    const own = await createProduct({ stock: 6 });
    const shops = await createProduct({ stock: 6 });
    expect(await saveProduct(null, await editForm(own.id, " 5 "))).toMatchObject({ ok: true });
    expect(await saveProduct(null, await editForm(shops.id, ""))).toMatchObject({ ok: true });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: own.id } })).lowStockThreshold).toBe(5);
    expect(
      (await prisma.product.findUniqueOrThrow({ where: { id: shops.id } })).lowStockThreshold,
    ).toBeNull();

    const sales = [await buy(own.variantId), await buy(shops.variantId)];
    await Promise.all(sales.map((o) => harness.emulator.control.pay(o.phone)));
    // Both at 5 left: the product that alerts at 5 tells the seller, the one on the shop's 3 does not.
    const alerts = await alertsFor(own.variantId);
    expect(alerts.map((a) => a.channel).sort()).toEqual(["EMAIL", "SMS"]);
    expect(alerts.find((a) => a.channel === "SMS")!.text).toMatch(/is low: 5 left/);
    expect(await alertsFor(shops.variantId)).toHaveLength(0);

    // Back to the shop's 3: 5 left is above it again, so the next crossing alerts again.
    expect(await alertedAt(own.variantId)).not.toBeNull();
    expect(await saveProduct(null, await editForm(own.id, ""))).toMatchObject({ ok: true });
    expect(await alertedAt(own.variantId)).toBeNull();

    // The shop's default raised to 5 alerts the other product at its next sale (4 left); lowered to 3, re-armed.
    expect(await saveAlertSettings(null, alertSettings("5"))).toMatchObject({ ok: true });
    const next = await buy(shops.variantId);
    await harness.emulator.control.pay(next.phone);
    expect(await alertsFor(shops.variantId)).toHaveLength(2);
    expect(await saveAlertSettings(null, alertSettings("3"))).toMatchObject({ ok: true });
    expect(await alertedAt(shops.variantId)).toBeNull();
  });

  it.each([
    ["-1", "At least 0"],
    ["lots", "Enter how many left counts as low, e.g. 3"],
    ["2.5", "Enter a whole number"],
  ])(
    "refuses %j in the low-stock box next to it, keeping what was typed and saving nothing",
    async (typed, error) => {
      const product = await createProduct({ stock: 6 });
      const form = await editForm(product.id, typed);
      form.set("name", "Renamed shuka");
      expect(await saveProduct(null, form)).toMatchObject({
        ok: false,
        fieldErrors: { lowStockThreshold: [error] },
        values: { lowStockThreshold: typed, name: "Renamed shuka" },
      });
      const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(after).toMatchObject({ name: product.name, lowStockThreshold: null });
    },
  );
});
