import "server-only";
import { prisma } from "@/lib/db";
import { type OrderMoney, moneyOf } from "@/lib/payments/core/money";
import { type OrderFilter, orderSort, orderWhere } from "./filters";

export const ORDERS_PAGE_SIZE = 25;

const listSelect = {
  id: true,
  reference: true,
  customerName: true,
  phone: true,
  status: true,
  fulfilment: true,
  totalKes: true,
  paidAt: true,
  createdAt: true,
  mpesaReceipt: true,
  needsAttention: true,
  deliveryFeeKes: true,
  discountCode: true,
  discountKes: true,
  delivery: { select: { method: true, zoneName: true, county: true, town: true, landmark: true } },
  isTest: true,
} as const;

/** One page of orders matching the filter, with the total count for the pager. */
export async function listOrders(filter: OrderFilter, pageSize = ORDERS_PAGE_SIZE) {
  const where = orderWhere(filter);
  const total = await prisma.order.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // Past the end (orders left the filter since the link was drawn, e.g. fulfilled): the last page, not none.
  const page = Math.min(filter.page, pages);
  const rows = await prisma.order.findMany({
    where,
    orderBy: orderSort(filter),
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: listSelect,
  });
  return { rows, total, page, pages };
}

export type OrderRow = Awaited<ReturnType<typeof listOrders>>["rows"][number];

/** Every order matching the filter, in batches (keyset on the sort order) so an export never holds them all. */
export async function* orderBatches(filter: OrderFilter, batchSize = 500) {
  const where = orderWhere(filter);
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.order.findMany({
      where,
      orderBy: orderSort(filter),
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        ...listSelect,
        items: { select: { name: true, quantity: true } },
        refunds: {
          where: { status: { not: "FAILED" } },
          orderBy: { createdAt: "asc" },
          select: { amountKes: true, status: true, receipt: true },
        },
      },
    });
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    cursor = batch[batch.length - 1]?.id;
  }
}

export async function getOrderDetail(reference: string) {
  return prisma.order.findUnique({
    where: { reference },
    include: {
      items: { orderBy: { name: "asc" } },
      delivery: true,
      attempts: { orderBy: { createdAt: "asc" }, include: { callbacks: { orderBy: { receivedAt: "asc" } } } },
      c2bPayments: { orderBy: { receivedAt: "asc" } },
      events: { orderBy: [{ at: "asc" }, { seq: "asc" }], include: { resolution: true } },
    },
  });
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;

/** The order's money (lib/payments/core/money.ts) from the events already read with it. */
export function moneyOfOrder(order: Pick<OrderDetail, "status" | "totalKes" | "events">): OrderMoney {
  const counted = order.events.flatMap((e) =>
    (e.kind === "PAYMENT_RECEIVED" || e.kind === "REFUND_SUCCEEDED") && e.amountKes !== null
      ? [{ kind: e.kind, source: e.source, amountKes: e.amountKes }]
      : [],
  );
  return moneyOf(order, counted);
}
