/** Sizes and colours: each variant holds its own stock, reserved, released and sold by the same rules. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { PICKUP_KEY } from "@/lib/delivery/pricing";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import { clock, createDress, freshPhone, readOrder, withPaymentsHarness } from "./support/payments-harness";

const harness = withPaymentsHarness();

const buy = (lines: { variantId: string; quantity: number }[], phone = freshPhone()) =>
  startCheckout({
    lines,
    customerName: "Akinyi Test",
    phone,
    delivery: { key: PICKUP_KEY, seenFeeKes: 0 },
    clientIp: null,
    checkoutKey: randomBytes(12).toString("hex"),
  });

const stockOfVariant = async (id: string) =>
  (await prisma.productVariant.findUniqueOrThrow({ where: { id } })).stock;

describe("variants", () => {
  it("reserves the chosen variant only, snapshots it on the order, and asks M-Pesa for its price", async () => {
    const dress = await createDress({ "Red / M": 3, "Red / L": 2, "Blue / M": 5 });
    const phone = freshPhone();
    const result = await buy(
      [
        { variantId: dress.variant("Red / L").id, quantity: 2 },
        { variantId: dress.variant("Blue / M").id, quantity: 1 },
      ],
      phone,
    );
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const order = await readOrder(result.publicId);
    expect(order.totalKes).toBe(2 * 2800 + 2500);
    expect(order.attempts[0]!.amountKes).toBe(2 * 2800 + 2500);
    expect(harness.emulator.control.ledger(phone).entries.at(-1)?.amount).toBe(2 * 2800 + 2500);
    expect(
      order.items.map((i) => [i.name, i.variantTitle, i.sku, i.unitPriceKes, i.quantity]).sort(),
    ).toEqual([
      ["Ankara dress, Blue / M", "Blue / M", `${dress.slug}-Blue-M`, 2500, 1],
      ["Ankara dress, Red / L", "Red / L", `${dress.slug}-Red-L`, 2800, 2],
    ]);
    expect(await stockOfVariant(dress.variant("Red / L").id)).toBe(0);
    expect(await stockOfVariant(dress.variant("Blue / M").id)).toBe(4);
    expect(await stockOfVariant(dress.variant("Red / M").id)).toBe(3);
  });

  it("refuses a sold-out variant while its siblings still sell, and names the variant", async () => {
    const dress = await createDress({ "Red / M": 0, "Blue / M": 1 });
    expect(await buy([{ variantId: dress.variant("Red / M").id, quantity: 1 }])).toMatchObject({
      ok: false,
      reason: "cart_changed",
      message: expect.stringMatching(/Ankara dress, Red \/ M is sold out/),
    });
    expect(await buy([{ variantId: dress.variant("Blue / M").id, quantity: 1 }])).toMatchObject({ ok: true });
  });

  it("says a variant held by unpaid orders is reserved, and gives it back when they expire", async () => {
    const dress = await createDress({ "Blue / L": 1, "Red / M": 4 });
    const blueL = dress.variant("Blue / L").id;
    const first = await buy([{ variantId: blueL, quantity: 1 }]);
    expect(first.ok).toBe(true);
    expect(await buy([{ variantId: blueL, quantity: 1 }])).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /Ankara dress, Blue \/ L is reserved by other shoppers: check back in 15 minutes/,
      ),
    });
    clock.advance(31 * 60);
    expect(await expireDueOrders()).toBeGreaterThanOrEqual(1);
    expect(await stockOfVariant(blueL)).toBe(1);
    expect(await stockOfVariant(dress.variant("Red / M").id)).toBe(4);
  });

  it("does not sell an archived variant; the orders that have it keep it", async () => {
    const dress = await createDress({ "Red / M": 3 });
    const redM = dress.variant("Red / M").id;
    const sold = await buy([{ variantId: redM, quantity: 1 }]);
    if (!sold.ok) throw new Error(sold.message);
    await prisma.productVariant.update({ where: { id: redM }, data: { archived: true } });
    expect(await buy([{ variantId: redM, quantity: 1 }])).toMatchObject({
      ok: false,
      message: "An item in your cart is no longer sold and was removed.",
    });
    expect((await readOrder(sold.publicId)).items[0]).toMatchObject({
      variantId: redM,
      name: "Ankara dress, Red / M",
    });
  });

  it("flash sale on one variant: 40 shoppers race for 4 Red / M, exactly 4 win and no sibling is touched", async () => {
    const dress = await createDress({ "Red / M": 4, "Red / L": 7, "Blue / M": 7 });
    const redM = dress.variant("Red / M").id;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => buy([{ variantId: redM, quantity: 1 }])),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "cart_changed")).toBe(true);
    expect(await stockOfVariant(redM)).toBe(0);
    expect(await prisma.orderItem.count({ where: { variantId: redM } })).toBe(4);
    expect(await stockOfVariant(dress.variant("Red / L").id)).toBe(7);
    expect(await stockOfVariant(dress.variant("Blue / M").id)).toBe(7);
  });
});
