import { connect, ensureOwner, seedCatalog, seedDelivery, truncateAll } from "../../../prisma/seeding";
import { E2E } from "./e2e-env";

export const OWNER = { email: "owner@duka.test", password: "duka-owner-123" };

/** Puts the shop back to the seeded demo state. Each test file calls this first. */
export async function resetShop() {
  const db = connect(E2E.databaseUrl);
  try {
    await truncateAll(db);
    await seedCatalog(db);
    await seedDelivery(db);
    await ensureOwner(db, OWNER.email, OWNER.password);
  } finally {
    await db.$disconnect();
  }
  await catalogChangedBehindTheAppsBack();
}

/**
 * A catalogue written straight to the database: the storefront's cached pages are told, as an operator
 * would after an import (app/api/cron/catalog/route.ts).
 */
export async function catalogChangedBehindTheAppsBack() {
  const response = await fetch(`${E2E.appUrl}/api/cron/catalog`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E.serverEnv.CRON_SECRET}` },
  });
  if (!response.ok) throw new Error(`catalogue revalidation refused: ${response.status}`);
}

/** Runs a query against the shop's database (for arranging a test's precondition). */
export async function withDb<T>(fn: (db: ReturnType<typeof connect>) => Promise<T>): Promise<T> {
  const db = connect(E2E.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

/** Creates a STAFF account (dashboard tests). */
export async function createStaff(email: string, password: string, name = "Staff member") {
  const { default: bcrypt } = await import("bcryptjs");
  const passwordHash = await bcrypt.hash(password, 10);
  return withDb((db) => db.user.create({ data: { email, name, role: "STAFF", passwordHash } }));
}

type OrderFields = {
  reference: string;
  customerName?: string;
  phone?: string;
  receipt?: string | null;
  totalKes?: number;
  status?: "PAID" | "PENDING" | "FAILED" | "EXPIRED";
  paidAt?: Date;
  needsAttention?: string;
};

/** Inserts an order as the checkout would leave it (PAID by default, with one item and a succeeded attempt). */
export async function insertOrder(o: OrderFields) {
  return withDb(async (db) => {
    const product = await db.product.findFirstOrThrow({
      where: { active: true },
      orderBy: { name: "asc" },
      include: { variants: true },
    });
    const status = o.status ?? "PAID";
    const paid = status === "PAID";
    const paidAt = paid ? (o.paidAt ?? new Date()) : null;
    const total = o.totalKes ?? product.priceKes;
    const receipt = paid
      ? (o.receipt ?? `T${o.reference.replace(/\W/g, "").slice(-9).padStart(9, "0")}`)
      : null;
    const order = await db.order.create({
      data: {
        publicId: `e2e-${o.reference}`,
        reference: o.reference,
        customerName: o.customerName ?? "Test Customer",
        phone: o.phone ?? "254712345678",
        status,
        totalKes: total,
        reservedUntil: new Date(Date.now() + 15 * 60_000),
        stockReserved: false,
        paidAt,
        mpesaReceipt: receipt,
        needsAttention: !!o.needsAttention,
        items: {
          create: [
            {
              productId: product.id,
              variantId: product.variants[0]!.id,
              name: product.name,
              unitPriceKes: total,
              quantity: 1,
            },
          ],
        },
        attempts: {
          create: [
            {
              phone: o.phone ?? "254712345678",
              amountKes: total,
              callbackToken: `e2e-token-${o.reference}`,
              status: paid ? "SUCCEEDED" : status === "FAILED" ? "FAILED" : "PENDING",
              resultCode: paid ? "0" : status === "FAILED" ? "1032" : null,
              resultDesc: paid
                ? "The service request is processed successfully."
                : status === "FAILED"
                  ? "Request cancelled by user"
                  : null,
              receipt,
              completedAt: paidAt,
            },
          ],
        },
      },
    });
    // Its history, as the payment core writes it: the prompt, its outcome, the money and the order's move.
    const attempt = await db.paymentAttempt.findFirstOrThrow({ where: { orderId: order.id } });
    const at = paidAt ?? new Date();
    const moved = { orderId: order.id, actor: "M-Pesa (callback)", at, fromStatus: "PENDING" };
    await db.orderEvent.createMany({
      data: [
        {
          ...moved,
          fromStatus: null,
          kind: "ATTEMPT_STATUS",
          attemptId: attempt.id,
          toStatus: "PENDING",
          note: `prompt for KES ${total} sent to 2547****678`,
        },
        ...(status === "PENDING"
          ? []
          : [
              {
                ...moved,
                kind: "ATTEMPT_STATUS" as const,
                attemptId: attempt.id,
                toStatus: paid ? "SUCCEEDED" : "FAILED",
                data: paid
                  ? undefined
                  : { resultCode: "1032", resultDesc: "Request cancelled by user", failureKind: null },
              },
            ]),
        ...(paid
          ? [
              {
                ...moved,
                kind: "PAYMENT_RECEIVED" as const,
                amountKes: total,
                source: "STK" as const,
                reference: receipt,
                paymentKey: `mpesa:${receipt}`,
              },
            ]
          : []),
        ...(status === "PENDING" ? [] : [{ ...moved, kind: "ORDER_STATUS" as const, toStatus: status }]),
        ...(o.needsAttention
          ? [
              {
                ...moved,
                actor: "system",
                kind: "FLAGGED" as const,
                flagKind: "OTHER" as const,
                note: o.needsAttention,
              },
            ]
          : []),
      ],
    });
    // The app announces every committed order change (lib/live/announce.ts); a row written behind its back
    // must do the same, or live streams listening on the PostgreSQL server never hear of it.
    await db.$executeRaw`SELECT pg_notify('duka_order_changes', ${order.id})`;
    return order;
  });
}
