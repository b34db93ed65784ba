import "server-only";
import { prisma } from "@/lib/db";
import { maskPhone } from "@/lib/daraja";
import { type OrderDeliveryView, deliveryView } from "@/lib/delivery/describe";
import { payments, secondsAfter } from "@/lib/payments/shared/context";
import { nextSettleAt, settleOrder } from "@/lib/payments/stk/reconcile";
import { retryRule } from "@/lib/payments/stk/retry-rule";
import { type PayByHand, payByHandFor } from "./pay-by-hand";
import { moneyOf } from "@/lib/payments/core/money";

/** How long the shopper has to answer the prompt on the phone (Daraja gives up after about 60 s). */
export const PROMPT_SECONDS = 60;

/** on_delivery: to be paid at the door (or the counter), no prompt sent yet. */
export type OrderState = "waiting" | "unknown" | "paid" | "failed" | "expired" | "cancelled" | "on_delivery";

/** How far the goods have got, times in ISO (shown in EAT). */
export type OrderProgress = {
  method: "PICKUP" | "DELIVERY" | null;
  /** Dispatched (a delivery) or ready at the counter (a pickup). */
  dispatchedAt: string | null;
  /** Delivered or picked up. */
  fulfilledAt: string | null;
};

/** Exactly what the order page shows: the status endpoint returns this and nothing more. */
export type OrderView = {
  publicId: string;
  reference: string;
  state: OrderState;
  customerName: string;
  phoneMasked: string;
  totalKes: number;
  /** Null on orders placed before delivery options existed. */
  delivery: OrderDeliveryView | null;
  items: { name: string; quantity: number; unitPriceKes: number }[];
  /** The discount code taken off the total, if any. */
  discount: { code: string; amountKes: number } | null;
  createdAt: string;
  paidAt: string | null;
  receipt: string | null;
  promptExpiresAt: string | null;
  failureMessage: string | null;
  /** Retrying is possible now or later (at retryAvailableAt); false once nothing can help. */
  canRetry: boolean;
  retryAvailableAt: string | null;
  /** Pay Bill / Buy Goods from the M-Pesa menu, while the order is open. */
  payByHand: PayByHand | null;
  /** When the view was made, so the page counts down on the server's clock rather than the device's. */
  serverTime: string;
  payOnDelivery: boolean;
  /** Paid by cash the seller recorded (no M-Pesa receipt to show). */
  paidInCash: boolean;
  progress: OrderProgress;
  /** Money counted towards the order (every source). */
  receivedKes: number;
  /** Money going back to the shopper (refunds not failed), oldest first; times in ISO. */
  refunds: OrderRefundView[];
};

/** "sent": M-Pesa confirmed it (receipt is the refund's own M-Pesa reference); "on_its_way": not yet. */
export type OrderRefundView = {
  amountKes: number;
  state: "sent" | "on_its_way";
  receipt: string | null;
  at: string;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// Prisma reads the order and its attempts with separate statements: in one snapshot, so a callback committing
// in between cannot pair a PENDING order with its already SUCCEEDED attempt (and show "failed").
async function loadOrder(publicId: string) {
  return prisma.$transaction(
    (tx) =>
      tx.order.findUnique({
        where: { publicId },
        include: {
          items: true,
          delivery: true,
          attempts: { orderBy: { createdAt: "desc" } },
          events: {
            where: { kind: { in: ["PAYMENT_RECEIVED", "REFUND_SUCCEEDED"] }, amountKes: { not: null } },
            select: { kind: true, source: true, amountKes: true },
          },
          refunds: {
            where: { status: { not: "FAILED" } },
            orderBy: { createdAt: "asc" },
            select: { amountKes: true, status: true, receipt: true, completedAt: true, createdAt: true },
          },
        },
      }),
    // maxWait: a burst of shoppers (streams opening together) may queue for the pool longer than Prisma's 2 s.
    { isolationLevel: "RepeatableRead", maxWait: 10_000 },
  );
}

/** The shape of an order link's id: anything else is refused before the database is asked. */
export const isOrderPublicId = (publicId: string) => /^[A-Za-z0-9_-]{10,64}$/.test(publicId);

/** Unknown and malformed ids get the same answer from the status endpoint and the live stream. */
export const orderNotFound = () => Response.json({ error: "Order not found" }, { status: 404 });

/** The order as its link holder sees it. Reads only. */
export async function readOrderView(publicId: string): Promise<OrderView | null> {
  const order = await loadOrder(publicId);
  return order ? toView(order, payments().now()) : null;
}

/** For the live stream: the view, and when settleOrderIfDue could next change it. */
export async function readOrderForStream(
  publicId: string,
): Promise<{ view: OrderView; settleDueAt: Date | null } | null> {
  const order = await loadOrder(publicId);
  return order ? { view: toView(order, payments().now()), settleDueAt: nextSettleAt(order) } : null;
}

/**
 * Writes, and may call Daraja: while an attempt is overdue it asks Daraja (rate-limited) and expires an order
 * past its reservation, so a page left open settles even without the cron job.
 */
export async function settleOrderIfDue(publicId: string): Promise<void> {
  const order = await prisma.order.findUnique({
    where: { publicId },
    select: { id: true, status: true, reservedUntil: true },
  });
  if (order && (order.status === "PENDING" || order.status === "FAILED")) await settleOrder(order);
}

/** The order's internal id, for watching its changes; null when there is no such order. */
export async function findOrderId(publicId: string): Promise<string | null> {
  const order = await prisma.order.findUnique({ where: { publicId }, select: { id: true } });
  return order?.id ?? null;
}

type LoadedOrder = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

function toView(order: LoadedOrder, now: Date): OrderView {
  const latest = order.attempts[0];
  const state = stateOf(order.status, latest?.status, order.paymentMethod === "ON_DELIVERY");
  const rule = retryRule(order.status, order.attempts, now);
  const retryAvailableAt = rule.waitUntil;
  const { receivedKes } = moneyOf(
    order,
    order.events.map((e) => ({
      source: e.source,
      amountKes: e.amountKes ?? 0,
      kind: e.kind === "REFUND_SUCCEEDED" ? ("REFUND_SUCCEEDED" as const) : ("PAYMENT_RECEIVED" as const),
    })),
  );
  const canRetry =
    receivedKes === 0 &&
    (state === "failed" || state === "unknown") &&
    (rule.allowed || retryAvailableAt !== null);
  return {
    publicId: order.publicId,
    reference: order.reference,
    state,
    // Shown (and so sent) only on the receipt.
    customerName: state === "paid" ? order.customerName : "",
    phoneMasked: maskPhone(latest?.phone ?? order.phone),
    totalKes: order.totalKes,
    // Where it goes is shown (and so sent) only on the receipt, like the name; the method and fee always.
    delivery:
      order.delivery && deliveryView(order.delivery, order.deliveryFeeKes, { withAddress: state === "paid" }),
    items: order.items.map((i) => ({ name: i.name, quantity: i.quantity, unitPriceKes: i.unitPriceKes })),
    discount: order.discountCode ? { code: order.discountCode, amountKes: order.discountKes } : null,
    createdAt: order.createdAt.toISOString(),
    paidAt: iso(order.paidAt),
    receipt: order.mpesaReceipt,
    promptExpiresAt:
      state === "waiting" && latest
        ? iso(secondsAfter(latest.pushSentAt ?? latest.createdAt, PROMPT_SECONDS))
        : null,
    failureMessage: state === "failed" ? (latest?.shopperMessage ?? "The payment did not go through.") : null,
    canRetry,
    retryAvailableAt: iso(retryAvailableAt),
    // At the door the rider sends a prompt: before that, nothing to pay by hand.
    payByHand: state === "on_delivery" ? null : payByHandFor(order, latest, receivedKes),
    serverTime: now.toISOString(),
    payOnDelivery: order.paymentMethod === "ON_DELIVERY",
    paidInCash: order.events.some((e) => e.kind === "PAYMENT_RECEIVED" && e.source === "CASH"),
    progress: {
      method: order.delivery?.method ?? null,
      dispatchedAt: order.fulfilment === "UNFULFILLED" ? null : iso(order.dispatchedAt),
      fulfilledAt: order.fulfilment === "FULFILLED" ? iso(order.fulfilledAt) : null,
    },
    receivedKes,
    refunds: order.refunds.map((r) => ({
      amountKes: r.amountKes,
      state: r.status === "SUCCEEDED" ? ("sent" as const) : ("on_its_way" as const),
      receipt: r.status === "SUCCEEDED" ? r.receipt : null,
      at: (r.completedAt ?? r.createdAt).toISOString(),
    })),
  };
}

function stateOf(orderStatus: string, attemptStatus: string | undefined, onDelivery: boolean): OrderState {
  if (orderStatus === "PAID") return "paid";
  if (orderStatus === "EXPIRED") return "expired";
  if (orderStatus === "CANCELLED") return "cancelled";
  if (onDelivery && attemptStatus === undefined) return "on_delivery";
  if (attemptStatus === "UNKNOWN") return "unknown";
  if (attemptStatus === "FAILED") return "failed";
  return "waiting";
}
