// Realistic demo orders for development: paid, pending, failed, expired and "needs attention" orders over
// the last 30 days, with their payment attempts and M-Pesa callbacks, so the dashboard is useful before
// the first real sale. Deterministic (seeded random), all timestamps UTC.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../lib/generated/prisma/client";
import { newOrderReference } from "../lib/payments/shared/identifiers";

const FIRST = [
  "Wanjiku",
  "Otieno",
  "Akinyi",
  "Kamau",
  "Njeri",
  "Mutua",
  "Chebet",
  "Kiprop",
  "Atieno",
  "Mwangi",
  "Wafula",
  "Nekesa",
  "Omondi",
  "Zawadi",
  "Baraka",
  "Amina",
];
const LAST = [
  "Kariuki",
  "Odhiambo",
  "Wambui",
  "Kiptoo",
  "Mwende",
  "Njoroge",
  "Achieng",
  "Ruto",
  "Muthoni",
  "Barasa",
  "Hassan",
  "Ouma",
];
const FAILURES: [string, string][] = [
  ["1032", "Request cancelled by user"],
  ["1", "The balance is insufficient for the transaction."],
  ["2001", "The initiator information is invalid."],
  ["1037", "DS timeout user cannot be reached"],
  ["1019", "Transaction has expired"],
];
const CODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

function darajaTime(d: Date): number {
  const eat = new Date(d.getTime() + 3 * 3600_000).toISOString();
  return Number(eat.slice(0, 19).replace(/\D/g, ""));
}

function callbackBody(a: {
  merchant: string;
  checkout: string;
  code: string;
  desc: string;
  amount: number;
  receipt?: string;
  phone: string;
  at: Date;
}) {
  const stk: Prisma.InputJsonObject & Record<string, Prisma.InputJsonValue> = {
    MerchantRequestID: a.merchant,
    CheckoutRequestID: a.checkout,
    ResultCode: Number(a.code),
    ResultDesc: a.desc,
  };
  if (a.receipt) {
    stk.CallbackMetadata = {
      Item: [
        { Name: "Amount", Value: a.amount },
        { Name: "MpesaReceiptNumber", Value: a.receipt },
        { Name: "Balance" },
        { Name: "TransactionDate", Value: darajaTime(a.at) },
        { Name: "PhoneNumber", Value: Number(a.phone) },
      ],
    };
  }
  return { Body: { stkCallback: stk } };
}

/** Adds `count` demo orders ending at `now`. Returns how many were created. */
export async function seedDemoOrders(
  db: PrismaClient,
  { count = 160, now = new Date(), seed = 42 } = {},
): Promise<number> {
  const products = (
    await db.product.findMany({
      where: { active: true },
      orderBy: { slug: "asc" },
      select: {
        id: true,
        name: true,
        priceKes: true,
        variants: { where: { archived: false }, orderBy: { position: "asc" }, take: 1 },
      },
    })
  ).flatMap(({ variants, ...p }) =>
    variants.map((v) => ({
      ...p,
      variantId: v.id,
      variantTitle: v.title,
      name: v.title ? `${p.name}, ${v.title}` : p.name,
      priceKes: v.priceKes ?? p.priceKes,
    })),
  );
  if (products.length === 0) return 0;
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const code = (n: number) => Array.from({ length: n }, () => pick([...CODE])).join("");
  const orders: Prisma.OrderCreateManyInput[] = [];
  const items: Prisma.OrderItemCreateManyInput[] = [];
  const attempts: Prisma.PaymentAttemptCreateManyInput[] = [];
  const callbacks: Prisma.CallbackEventCreateManyInput[] = [];
  const deliveries: Prisma.OrderDeliveryCreateManyInput[] = [];
  // Each order's history, as the payment core would have written it.
  const events: Prisma.OrderEventCreateManyInput[] = [];
  const places = await deliveryPlaces(db);
  // Its own random sequence, so the orders themselves stay what they were before delivery existed.
  const rd = rng(seed + 1);

  for (let i = 0; i < count; i++) {
    // Recent days are busier; the last two orders are still waiting for the shopper's PIN.
    const pendingNow = i >= count - 2;
    const createdAt = pendingNow
      ? new Date(now.getTime() - (i - count + 3) * 60_000)
      : new Date(now.getTime() - Math.pow(r(), 1.4) * 30 * 86_400_000 - 600_000);
    const roll = r();
    const status = pendingNow
      ? "PENDING"
      : roll < 0.66
        ? "PAID"
        : roll < 0.8
          ? "FAILED"
          : roll < 0.96
            ? "EXPIRED"
            : "ATTENTION";
    const id = randomUUID();
    const phone = `2547${String(Math.floor(r() * 1e8)).padStart(8, "0")}`;
    const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
      p: pick(products),
      q: 1 + Math.floor(r() * 2),
    }));
    const unique = [...new Map(lines.map((l) => [l.p.id, l])).values()];
    const goodsKes = unique.reduce((s, l) => s + l.p.priceKes * l.q, 0);
    const place = places.length ? places[Math.floor(rd() * places.length)]! : null;
    const deliveryFeeKes =
      place && place.threshold !== null && goodsKes >= place.threshold ? 0 : (place?.fee ?? 0);
    if (place) deliveries.push({ orderId: id, ...place.snapshot });
    const totalKes = goodsKes + deliveryFeeKes;
    for (const l of unique)
      items.push({
        id: randomUUID(),
        orderId: id,
        productId: l.p.id,
        variantId: l.p.variantId,
        variantTitle: l.p.variantTitle,
        name: l.p.name,
        unitPriceKes: l.p.priceKes,
        quantity: l.q,
      });

    const attempt = (offsetSec: number, outcome: "ok" | "fail" | "pending", receipt?: string) => {
      const aId = randomUUID();
      const sent = new Date(createdAt.getTime() + offsetSec * 1000);
      const done = new Date(sent.getTime() + (8 + r() * 30) * 1000);
      const merchant = `${Math.floor(r() * 90000 + 10000)}-${Math.floor(r() * 9e7 + 1e7)}-1`;
      const checkout = `ws_CO_${darajaTime(sent)}${Math.floor(r() * 9e9)}`;
      const [fc, fd] = pick(FAILURES);
      const resultCode = outcome === "ok" ? "0" : outcome === "fail" ? fc : null;
      const resultDesc =
        outcome === "ok" ? "The service request is processed successfully." : outcome === "fail" ? fd : null;
      attempts.push({
        id: aId,
        orderId: id,
        phone,
        amountKes: totalKes,
        callbackToken: randomUUID().replace(/-/g, ""),
        merchantRequestId: merchant,
        checkoutRequestId: checkout,
        status: outcome === "ok" ? "SUCCEEDED" : outcome === "fail" ? "FAILED" : "PENDING",
        resultCode,
        resultDesc,
        receipt: outcome === "ok" ? receipt : null,
        transactionDate: outcome === "ok" ? done : null,
        pushSentAt: sent,
        completedAt: outcome === "pending" ? null : done,
        createdAt: sent,
        updatedAt: done,
      });
      if (outcome !== "pending") {
        const actor = "M-Pesa (callback)";
        const moved = { orderId: id, actor, at: done, attemptId: aId, fromStatus: "PENDING" };
        events.push({
          ...moved,
          kind: "ATTEMPT_STATUS",
          toStatus: outcome === "ok" ? "SUCCEEDED" : "FAILED",
        });
        if (outcome === "ok") {
          events.push({
            ...moved,
            kind: "PAYMENT_RECEIVED",
            amountKes: totalKes,
            source: "STK",
            reference: receipt,
            paymentKey: `mpesa:${receipt}`,
          });
          events.push({ ...moved, kind: "ORDER_STATUS", attemptId: null, toStatus: "PAID" });
        }
        const body = callbackBody({
          merchant,
          checkout,
          code: resultCode!,
          desc: resultDesc!,
          amount: totalKes,
          receipt,
          phone,
          at: done,
        });
        callbacks.push({
          id: randomUUID(),
          attemptId: aId,
          rawBody: JSON.stringify(body),
          body,
          headers: { "content-type": "application/json" },
          sourceIp: "196.201.214.200",
          verdict: "APPLIED",
          receivedAt: done,
        });
      }
      return done;
    };

    let paidAt: Date | null = null;
    let receipt: string | null = null;
    if (status === "PAID" || status === "ATTENTION") {
      if (r() < 0.2) attempt(5, "fail");
      receipt = `T${code(9)}`;
      paidAt = attempt(r() < 0.2 ? 90 : 5, "ok", receipt);
      if (status === "ATTENTION") {
        paidAt = new Date(createdAt.getTime() + 17 * 60_000);
        events.push({
          orderId: id,
          kind: "FLAGGED",
          actor: "system",
          at: paidAt,
          flagKind: "LATE_PAYMENT",
          note: "The payment arrived after the order had expired and some items had sold out in the meantime. Check stock, then fulfil or refund.",
        });
      }
    } else if (status === "FAILED") attempt(5, "fail");
    else if (status === "EXPIRED") {
      if (r() < 0.6) attempt(5, "fail");
    } else attempt(5, "pending");

    const fulfilled =
      paidAt !== null && status === "PAID" && createdAt.getTime() < now.getTime() - 86_400_000 && r() < 0.8;
    orders.push({
      id,
      publicId: randomUUID(),
      // The real format, so Pay Bill with a seeded order's reference finds it.
      reference: newOrderReference((below) => Math.floor(r() * below)),
      customerName: `${pick(FIRST)} ${pick(LAST)}`,
      phone,
      totalKes,
      deliveryFeeKes,
      status: status === "ATTENTION" ? "PAID" : status,
      fulfilment: fulfilled ? "FULFILLED" : "UNFULFILLED",
      fulfilledAt: fulfilled ? new Date(paidAt!.getTime() + 5 * 3600_000) : null,
      reservedUntil: new Date(createdAt.getTime() + 15 * 60_000),
      stockReserved: status === "PENDING",
      paidAt,
      mpesaReceipt: receipt,
      needsAttention: status === "ATTENTION",
      createdAt,
      updatedAt: paidAt ?? createdAt,
    });
  }
  await db.order.createMany({ data: orders });
  await db.orderItem.createMany({ data: items });
  await db.paymentAttempt.createMany({ data: attempts });
  await db.callbackEvent.createMany({ data: callbacks });
  await db.orderDelivery.createMany({ data: deliveries });
  await db.orderEvent.createMany({ data: events });
  return orders.length;
}

const TOWNS: Record<string, [string, string][]> = {
  Nairobi: [
    ["Westlands", "Sarit Centre, gate B"],
    ["Kilimani", "Yaya Centre, opposite the petrol station"],
    ["CBD", "Kenyatta Avenue, next to the post office"],
  ],
  Kiambu: [["Ruaka", "Two Rivers Mall, main entrance"]],
  Nakuru: [["Nakuru Town", "Westside Mall, ground floor"]],
  Mombasa: [["Nyali", "City Mall, near the bank"]],
};

/** Pickup and a few addresses per zone from the shop's delivery settings (none: orders without delivery). */
async function deliveryPlaces(db: PrismaClient) {
  const [settings, zones] = await Promise.all([
    db.deliverySettings.findUnique({ where: { id: 1 } }),
    db.deliveryZone.findMany({ where: { active: true } }),
  ]);
  if (!settings) return [];
  const threshold = settings.freeDeliveryThresholdKes;
  const blank = { zoneId: null, zoneName: null, etaText: null, county: null, town: null, landmark: null };
  const pickup = {
    fee: 0,
    threshold,
    snapshot: {
      ...blank,
      method: "PICKUP" as const,
      pickupAddress: settings.pickupAddress,
      pickupHours: settings.pickupHours,
    },
  };
  const delivered = zones.flatMap((z) =>
    Object.entries(TOWNS)
      .filter(([county]) => z.counties.length === 0 || z.counties.includes(county))
      .flatMap(([county, towns]) =>
        towns.map(([town, landmark]) => ({
          fee: z.feeKes,
          threshold,
          snapshot: {
            method: "DELIVERY" as const,
            zoneId: z.id,
            zoneName: z.name,
            etaText: z.etaText,
            county,
            town,
            landmark,
            pickupAddress: null,
            pickupHours: null,
          },
        })),
      ),
  );
  return [pickup, pickup, ...delivered];
}
