/**
 * Inventory: 200 shoppers check out the same variant (Red / M of a dress, stock 10) at once. Exactly 10
 * orders reserve it; three are paid; after the reservations expire (the expiry job run in process with the
 * clock 31 minutes ahead) the seven unpaid units are back on Red / M and the paid three stay sold. The
 * dress's other sizes and colours are never touched.
 */
import { prisma } from "@/lib/db";
import { configurePayments } from "@/lib/payments/shared/context";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import type { Stack } from "../support/stack";
import { checkout, createDress, freshPhone, waitFor } from "../support/shop";
import { Tally } from "../support/tally";

const STOCK = 10;
const PAID = 3;
const SIBLING_STOCK = 5;
const SIBLINGS = ["Red / L", "Blue / M", "Blue / L"];

export async function inventory(stack: Stack, shoppers: number): Promise<Tally> {
  const tally = new Tally("inventory");
  const dress = await createDress({
    stock: { "Red / M": STOCK, ...Object.fromEntries(SIBLINGS.map((t) => [t, SIBLING_STOCK])) },
    priceKes: 2500,
  });
  const variantId = dress.variant("Red / M").id;
  const phones = Array.from({ length: shoppers }, freshPhone);
  const results = await Promise.all(
    phones.map((phone) =>
      checkout(dress.id, phone, { variantId }).catch((e: Error) => ({
        ok: false as const,
        reason: "error",
        message: e.message,
      })),
    ),
  );
  const won = results.filter((r) => r.ok);
  const soldOut = results.filter((r) => !r.ok && r.reason === "cart_changed");
  for (const r of results)
    tally.unit([!r.ok && r.reason !== "cart_changed" && `checkout ${r.reason}: ${r.message}`]);
  const orders = await prisma.order.findMany({
    where: { items: { some: { variantId } } },
    include: { attempts: true },
  });
  const stockAfter = (await prisma.productVariant.findUniqueOrThrow({ where: { id: variantId } })).stock;
  tally.invariant(
    won.length === STOCK && orders.length === STOCK && stockAfter === 0,
    `${won.length} checkouts won, ${orders.length} orders, stock left ${stockAfter} (want ${STOCK}, ${STOCK}, 0)`,
  );
  tally.note(`${shoppers} concurrent checkouts: ${won.length} reserved, ${soldOut.length} told it sold out`);

  const paidOrders = orders.slice(0, PAID);
  for (const order of paidOrders) await stack.emulator.control.pay(order.attempts[0]!.checkoutRequestId!);
  const ids = paidOrders.map((o) => o.id);
  await waitFor(
    async () => (await prisma.order.count({ where: { id: { in: ids }, status: "PAID" } })) === PAID,
    "paid orders",
  );

  const realNow = () => new Date();
  configurePayments({ now: () => new Date(Date.now() + 31 * 60_000) });
  try {
    while ((await expireDueOrders()) > 0);
  } finally {
    configurePayments({ now: realNow });
  }
  const final = await prisma.order.groupBy({
    by: ["status"],
    where: { id: { in: orders.map((o) => o.id) } },
    _count: { _all: true },
  });
  const count = (status: string) => final.find((g) => g.status === status)?._count._all ?? 0;
  const stockBack = (await prisma.productVariant.findUniqueOrThrow({ where: { id: variantId } })).stock;
  tally.invariant(stockBack === STOCK - PAID, `stock after expiry ${stockBack}, want ${STOCK - PAID}`);
  tally.invariant(
    count("PAID") === PAID && count("EXPIRED") === STOCK - PAID,
    `after expiry: ${JSON.stringify(final.map((g) => [g.status, g._count._all]))}`,
  );
  const siblings = await prisma.productVariant.findMany({
    where: { productId: dress.id, title: { in: SIBLINGS } },
  });
  tally.invariant(
    siblings.length === SIBLINGS.length && siblings.every((v) => v.stock === SIBLING_STOCK),
    `other variants' stock ${JSON.stringify(siblings.map((v) => [v.title, v.stock]))}, want ${SIBLING_STOCK} each`,
  );
  tally.note(`after expiry: ${count("PAID")} paid, ${count("EXPIRED")} expired, stock back to ${stockBack}`);
  return tally;
}
