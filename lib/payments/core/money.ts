import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { MoneySource } from "@/lib/generated/prisma/client";

/** An order's money, in whole shillings. */
export type OrderMoney = {
  /** What the order costs (goods and delivery). */
  dueKes: number;
  /** Counted towards the order so far, by where it came from. */
  receivedBySource: Partial<Record<MoneySource, number>>;
  receivedKes: number;
  /** Sent back to the customer (refunds that succeeded). */
  refundedKes: number;
  /**
   * Still to pay when positive; owed back to the customer when negative. A paid order owes nothing more: a
   * refund on it is money the seller gave back (part of the price, or all of it), never a debt again.
   */
  balanceKes: number;
};

type Counted = {
  kind: "PAYMENT_RECEIVED" | "REFUND_SUCCEEDED";
  source: MoneySource | null;
  amountKes: number;
};

type Owing = { status: string; totalKes: number };

/** What the customer owes for the order: its total, or nothing once the seller cancelled it. */
const amountDue = (order: Owing) => (order.status === "CANCELLED" ? 0 : order.totalKes);

/** The arithmetic, from the order (what is due: amountDue) and its money events. */
export function moneyOf(order: Owing, events: readonly Counted[]): OrderMoney {
  const dueKes = amountDue(order);
  const receivedBySource: Partial<Record<MoneySource, number>> = {};
  let receivedKes = 0;
  let refundedKes = 0;
  for (const e of events) {
    if (e.kind === "REFUND_SUCCEEDED") refundedKes += e.amountKes;
    else {
      receivedKes += e.amountKes;
      if (e.source) receivedBySource[e.source] = (receivedBySource[e.source] ?? 0) + e.amountKes;
    }
  }
  const balanceKes = dueKes - receivedKes + refundedKes;
  return {
    dueKes,
    receivedBySource,
    receivedKes,
    refundedKes,
    balanceKes: order.status === "PAID" ? Math.min(0, balanceKes) : balanceKes,
  };
}

/** The one place an order's money is computed: from its PAYMENT_RECEIVED and REFUND_SUCCEEDED events. */
export async function orderMoney(db: Db | Tx, orderId: string): Promise<OrderMoney> {
  // One statement: payOrder runs this for every payment.
  const rows = await db.$queryRaw<
    (Omit<Counted, "amountKes"> & { amountKes: number | null; totalKes: number; status: string })[]
  >`
    SELECT o."totalKes", o.status::text AS status, e.kind::text AS kind, e.source::text AS source, e."amountKes"
    FROM "Order" o
    LEFT JOIN "OrderEvent" e ON e."orderId" = o.id AND e.kind IN ('PAYMENT_RECEIVED', 'REFUND_SUCCEEDED')
      AND e."amountKes" IS NOT NULL
    WHERE o.id = ${orderId}`;
  if (rows.length === 0) throw new Error(`order ${orderId} not found`);
  const counted = rows.flatMap((r) => (r.amountKes === null ? [] : [{ ...r, amountKes: r.amountKes }]));
  return moneyOf(rows[0]!, counted);
}
