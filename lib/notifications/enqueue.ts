import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import {
  type StoredDelivery,
  deliveryView,
  describeDeliveryPlace,
  describeOrderDelivery,
} from "@/lib/delivery/describe";
import { type NotificationChannel, type NotificationKind, Prisma } from "@/lib/generated/prisma/client";
import { notifications } from "./context";
import { fitOneSegment, toGsm7 } from "./sms-text";
import {
  type OrderFacts,
  type Rendered,
  lowStock,
  orderConfirmation,
  refundConfirmation,
  sellerAttention,
  sellerNewOrder,
  stockSummary,
  testMessage,
} from "./messages";
import {
  orderDispatched,
  orderPlacedOnDelivery,
  orderReadyForPickup,
  sellerNewOrderOnDelivery,
} from "./order-progress-messages";
import {
  type AlertSettingsRow,
  alertRecipients,
  alertSettingsColumns,
  alertSettingsJoin,
  sellerRecipients,
  toE164,
} from "./recipients";

/** What happened to an order that people must hear about. */
type OrderEvent =
  | { orderId: string; event: "paid" }
  | { orderId: string; event: "placed" }
  | { orderId: string; event: "attention"; reason: string }
  /** The seller marked it dispatched (a delivery) or ready (a pickup); `at` tells a second time apart. */
  | { orderId: string; event: "dispatched"; at: Date };

type Row = {
  idempotencyKey: string;
  orderId: string | null;
  kind: NotificationKind;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
};

/** One SMS and one email per recipient, keyed so the same event written twice adds nothing. */
function messageRows(
  base: { key: string; orderId: string | null; kind: NotificationKind },
  rendered: Rendered,
  to: { sms: string[]; email: string[] },
): Row[] {
  const row = (channel: NotificationChannel, recipient: string): Row => ({
    idempotencyKey: `${base.key}:${channel}:${recipient.toLowerCase()}`,
    orderId: base.orderId,
    kind: base.kind,
    channel,
    recipient,
    subject: channel === "EMAIL" ? rendered.subject : null,
    text: channel === "SMS" ? rendered.sms : rendered.text,
    html: channel === "EMAIL" ? rendered.html : null,
  });
  return [...to.sms.map((r) => row("SMS", r)), ...to.email.map((r) => row("EMAIL", r))];
}

/** Channels that are off (not configured) get no rows: there is nothing that could ever send them. */
function onChannels(to: { sms: string[]; email: string[] }) {
  const { sms, email } = notifications();
  return { sms: sms ? to.sms : [], email: email ? to.email : [] };
}

/**
 * Writes the messages an order event causes into the outbox, inside the caller's transaction: they commit
 * (and are sent) exactly when the transition does. Sending happens later (drain.ts).
 */
export async function enqueueOrderNotifications(tx: Tx, event: OrderEvent) {
  const ctx = notifications();
  const { order, alerts } = await readOrderForMessages(tx, event.orderId);
  const facts: OrderFacts = {
    ...order,
    delivery: order.delivery ? describeOrderDelivery(order) : undefined,
    method: order.delivery?.method ?? null,
  };
  const seller = order.isTest ? { sms: [], email: [] } : onChannels(alertRecipients(alerts, ctx.sellerPhone));
  const rows: Row[] = [];
  const shopperPhone = toE164(order.phone);
  const shopper = onChannels({
    sms: shopperPhone ? [shopperPhone] : [],
    email: order.email ? [order.email] : [],
  });
  if (event.event === "placed") {
    rows.push(
      ...messageRows(
        { key: `${order.id}:placed`, orderId: order.id, kind: "ORDER_PLACED" },
        orderPlacedOnDelivery(ctx, facts),
        shopper,
      ),
      ...messageRows(
        { key: `${order.id}:new-pod-order`, orderId: order.id, kind: "SELLER_NEW_POD_ORDER" },
        sellerNewOrderOnDelivery(ctx, facts),
        seller,
      ),
    );
  } else if (event.event === "dispatched") {
    rows.push(...progressRows(ctx, order, facts, event.at, shopper));
  } else if (event.event === "paid") {
    rows.push(
      ...messageRows(
        { key: `${order.id}:confirmation`, orderId: order.id, kind: "ORDER_CONFIRMATION" },
        orderConfirmation(ctx, facts),
        shopper,
      ),
      ...messageRows(
        { key: `${order.id}:new-order`, orderId: order.id, kind: "SELLER_NEW_ORDER" },
        sellerNewOrder(ctx, facts),
        seller,
      ),
    );
  } else {
    await enqueueAttention(
      tx,
      { ...facts, id: order.id },
      order.attentionReason ?? event.reason,
      event.reason,
      seller,
    );
    return;
  }
  await insertNewMessages(tx, rows);
}

/**
 * One alert per variant that just crossed its low-stock threshold; the key carries when it crossed, so the
 * next crossing (after a restock re-armed it) alerts again.
 */
export async function enqueueLowStockAlerts(
  tx: Tx,
  crossed: { variantId: string; productId: string; name: string; stock: number; alertedAt: Date }[],
) {
  if (crossed.length === 0) return;
  const ctx = notifications();
  const seller = onChannels(await sellerRecipients(tx, ctx.sellerPhone));
  const rows = crossed.flatMap((item) =>
    messageRows(
      { key: `low-stock:${item.variantId}:${item.alertedAt.getTime()}`, orderId: null, kind: "LOW_STOCK" },
      lowStock(ctx, item),
      seller,
    ),
  );
  await insertNewMessages(tx, rows);
}

/** The owner's morning summary of what is low or sold out, keyed by its EAT day: one per day. */
export async function enqueueStockSummary(tx: Tx, day: string, items: { name: string; stock: number }[]) {
  const ctx = notifications();
  const seller = onChannels(await sellerRecipients(tx, ctx.sellerPhone));
  await insertNewMessages(
    tx,
    messageRows(
      { key: `stock-summary:${day}`, orderId: null, kind: "STOCK_SUMMARY" },
      stockSummary(ctx, items),
      seller,
    ),
  );
}

/** One needs-attention alert per order per this long: more news in between joins the alert still waiting. */
export const ATTENTION_BATCH_MINUTES = 30;
/** Most recent reasons one alert lists; the order page has them all. */
const REASONS_PER_ALERT = 5;

/**
 * The seller hears about an order that needs attention at once, then at most once per batch window: a
 * reason arriving while an alert waits unsent is added to it; one arriving within the window of the last
 * alert waits for the window's end. KES 1 every 15 minutes is one alert per half hour, not an email each.
 * Each alert row remembers how many of the order's reasons it covers, so the next lists only what is new.
 */
async function enqueueAttention(
  tx: Tx,
  facts: OrderFacts & { id: string },
  allReasons: string,
  reason: string,
  seller: { sms: string[]; email: string[] },
) {
  const now = notifications().now();
  const reasons = allReasons.split("\n");
  const alerts = await tx.$queryRaw<{ createdAt: Date; waiting: boolean; reasonsCovered: number }[]>`
    SELECT "createdAt", (status = 'QUEUED' AND attempts = 0) AS waiting, "reasonsCovered" FROM "Notification"
    WHERE "orderId" = ${facts.id} AND kind = 'SELLER_ATTENTION' ORDER BY "createdAt" DESC`;
  const told = Math.max(0, ...alerts.filter((a) => !a.waiting).map((a) => a.reasonsCovered));
  const news = reasons.slice(Math.min(told, reasons.length - 1));
  const rendered = sellerAttention(notifications(), facts, summarise(news));
  const last = alerts[0];
  if (last?.waiting) {
    await tx.$executeRaw`
      UPDATE "Notification" SET
        subject = CASE WHEN channel = 'EMAIL' THEN ${rendered.subject} ELSE NULL END,
        text = CASE WHEN channel = 'SMS' THEN ${rendered.sms} ELSE ${rendered.text} END,
        html = CASE WHEN channel = 'EMAIL' THEN ${rendered.html} ELSE NULL END,
        "reasonsCovered" = ${reasons.length}, "updatedAt" = ${now}
      WHERE "orderId" = ${facts.id} AND kind = 'SELLER_ATTENTION' AND status = 'QUEUED' AND attempts = 0`;
    return;
  }
  const windowEnd = last ? new Date(last.createdAt.getTime() + ATTENTION_BATCH_MINUTES * 60_000) : now;
  const reasonKey = createHash("sha256").update(reason).digest("hex").slice(0, 16);
  const key = {
    key: `${facts.id}:attention:${reasonKey}`,
    orderId: facts.id,
    kind: "SELLER_ATTENTION" as const,
  };
  await insertNewMessages(tx, messageRows(key, rendered, seller), {
    sendAt: windowEnd > now ? windowEnd : now,
    createdAt: now,
    reasonsCovered: reasons.length,
  });
}

function summarise(reasons: string[]): string {
  const shown = reasons.slice(-REASONS_PER_ALERT);
  const earlier = reasons.length - shown.length;
  return [...shown, ...(earlier > 0 ? [`(and ${earlier} earlier, on the order's page)`] : [])].join(" ");
}

/** The shopper hears that a refund went through (SMS, and email if they gave one), in its transaction. */
export async function enqueueRefundNotifications(
  tx: Tx,
  orderId: string,
  refund: { id: string; amountKes: number; receipt: string | null },
) {
  const ctx = notifications();
  const { order } = await readOrderForMessages(tx, orderId);
  const facts: OrderFacts = { ...order, delivery: undefined };
  const shopperPhone = toE164(order.phone);
  await insertNewMessages(
    tx,
    messageRows(
      { key: `${order.id}:refund:${refund.id}`, orderId: order.id, kind: "REFUND_CONFIRMATION" },
      refundConfirmation(ctx, facts, refund),
      onChannels({ sms: shopperPhone ? [shopperPhone] : [], email: order.email ? [order.email] : [] }),
    ),
  );
}

type OrderForMessages = Omit<OrderFacts, "delivery"> & {
  id: string;
  phone: string;
  email: string | null;
  deliveryFeeKes: number;
  /** The order's flags so far, oldest first, one per line (its FLAGGED events). */
  attentionReason: string | null;
  delivery: StoredDelivery | null;
  /** The owner's KES 1 test payment: not an order to fulfil, so no "new paid order" alert. */
  isTest: boolean;
  status: string;
  riderPhone: string | null;
};

/** "On its way" for a delivery, "ready for pickup" for a pickup: to the shopper only. */
function progressRows(
  ctx: ReturnType<typeof notifications>,
  order: OrderForMessages,
  facts: OrderFacts,
  at: Date,
  shopper: { sms: string[]; email: string[] },
): Row[] {
  const dueKes = order.status === "PAID" ? 0 : order.totalKes;
  const key = `${order.id}:progress:${at.getTime()}`;
  if (order.delivery?.method === "PICKUP") {
    const place = describeDeliveryPlace(deliveryView(order.delivery, order.deliveryFeeKes));
    return messageRows(
      { key, orderId: order.id, kind: "ORDER_READY_FOR_PICKUP" },
      orderReadyForPickup(ctx, facts, { place: place || "the shop", dueKes }),
      shopper,
    );
  }
  return messageRows(
    { key, orderId: order.id, kind: "ORDER_DISPATCHED" },
    orderDispatched(ctx, facts, { riderPhone: order.riderPhone, dueKes }),
    shopper,
  );
}

/**
 * The order, its delivery and the seller's alert settings: everything its messages need, in one plain
 * statement on the payment path (see lib/conditional-update.ts for why); the outbox rows are one more.
 */
async function readOrderForMessages(tx: Tx, orderId: string) {
  const [row] = await tx.$queryRaw<(OrderForMessages & AlertSettingsRow)[]>`
    SELECT o.id, o.reference, o."publicId", o."totalKes", o."mpesaReceipt", o."customerName", o.phone,
      o.email, o."deliveryFeeKes", o."isTest", o.status, o."riderPhone", row_to_json(d) AS delivery, ${alertSettingsColumns},
      (SELECT string_agg(e.note, E'\n' ORDER BY e.seq) FROM "OrderEvent" e
        WHERE e."orderId" = o.id AND e.kind = 'FLAGGED') AS "attentionReason"
    FROM "Order" o LEFT JOIN "OrderDelivery" d ON d."orderId" = o.id ${alertSettingsJoin}
    WHERE o.id = ${orderId}`;
  if (!row) throw new Error(`order ${orderId} not found`);
  const { smsEnabled, emailEnabled, alertPhones, alertEmails, ownerEmails, ...order } = row;
  return { order, alerts: { smsEnabled, emailEnabled, alertPhones, alertEmails, ownerEmails } };
}

/**
 * Adds the rows whose idempotency key is new (a replayed event adds nothing), and a MESSAGE_QUEUED event
 * in the order's history for each one added (the OrderEvent table of lib/payments/core/events.ts).
 */
async function insertNewMessages(
  tx: Tx,
  rows: Row[],
  {
    sendAt,
    createdAt,
    reasonsCovered = 0,
  }: { sendAt?: Date; createdAt?: Date; reasonsCovered?: number } = {},
) {
  if (rows.length === 0) return;
  const at = new Date();
  const values = rows.map(
    (r) => Prisma.sql`(${randomUUID()}, ${r.idempotencyKey}, ${r.orderId}, ${r.kind}, ${r.channel},
      ${r.recipient}, ${r.subject}, ${r.text}, ${r.html}, ${sendAt ?? at}, ${createdAt ?? at}, ${at},
      ${reasonsCovered})`,
  );
  await tx.$executeRaw`
    WITH added AS (
      INSERT INTO "Notification" (id, "idempotencyKey", "orderId", kind, channel, recipient, subject, text,
        html, "nextAttemptAt", "createdAt", "updatedAt", "reasonsCovered")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "orderId", kind, channel, recipient)
    INSERT INTO "OrderEvent" (id, "orderId", kind, at, actor, note)
    SELECT gen_random_uuid()::text, "orderId", 'MESSAGE_QUEUED', ${at}, 'system',
      CASE kind WHEN 'ORDER_CONFIRMATION' THEN 'Order confirmation' WHEN 'SELLER_NEW_ORDER' THEN 'New order alert'
        WHEN 'SELLER_ATTENTION' THEN 'Attention alert' WHEN 'ORDER_PLACED' THEN 'Order placed (pay on delivery)'
        WHEN 'SELLER_NEW_POD_ORDER' THEN 'Pay-on-delivery order alert' WHEN 'ORDER_DISPATCHED' THEN 'On its way'
        WHEN 'ORDER_READY_FOR_PICKUP' THEN 'Ready for pickup' WHEN 'TRACKING_CODE' THEN 'Tracking code'
        ELSE 'Message' END
      || CASE channel WHEN 'SMS' THEN ' by SMS to ' ELSE ' by email to ' END || recipient
    FROM added WHERE "orderId" IS NOT NULL`;
}

/** "Track my order": the one-time code, by SMS to the order's own number only. */
export async function enqueueTrackingCode(
  tx: Tx,
  t: { id: string; reference: string; phone: string; code: string; codeId: string; minutes: number },
) {
  const to = toE164(t.phone);
  if (!to || !notifications().sms) return;
  const { shopName } = notifications();
  const text = fitOneSegment([
    `${shopName}: your code to track order ${t.reference} is ${t.code}. It expires in ${t.minutes} minutes. Do not share it.`,
    `${t.code} is your code for order ${t.reference}. Expires in ${t.minutes} min.`,
  ]);
  await insertNewMessages(tx, [
    {
      idempotencyKey: `${t.id}:tracking:${t.codeId}`,
      orderId: t.id,
      kind: "TRACKING_CODE",
      channel: "SMS",
      recipient: to,
      subject: null,
      text,
      html: null,
    },
  ]);
}

/** A seller's payment link, texted to the customer as the seller would share it. */
export async function enqueuePaymentLinkSms(tx: Tx, l: { linkId: string; phone: string; text: string }) {
  const to = toE164(l.phone);
  if (!to || !notifications().sms) return;
  await insertNewMessages(tx, [
    {
      idempotencyKey: `link:${l.linkId}:SMS:${to}`,
      orderId: null,
      kind: "PAYMENT_LINK",
      channel: "SMS",
      recipient: to,
      subject: null,
      // Two segments at most: the link itself cannot be cut.
      text: toGsm7(l.text).slice(0, 306),
      html: null,
    },
  ]);
}

/** The owner's "send a test message": one to each current alert recipient, each press a new message. */
export async function enqueueTestMessages(db: Tx | Db): Promise<number> {
  const ctx = notifications();
  const to = onChannels(await sellerRecipients(db, ctx.sellerPhone));
  const rows = messageRows(
    { key: `test:${randomBytes(8).toString("hex")}`, orderId: null, kind: "TEST" },
    testMessage(ctx),
    to,
  );
  if (rows.length > 0) await db.notification.createMany({ data: rows });
  return rows.length;
}

/** The owner's "resend": a new message with the same content; the original keeps its history. */
export async function enqueueResend(db: Tx | Db, notificationId: string): Promise<boolean> {
  const original = await db.notification.findUnique({ where: { id: notificationId } });
  if (!original) return false;
  await db.notification.create({
    data: {
      idempotencyKey: `${original.idempotencyKey}:resend:${randomBytes(8).toString("hex")}`,
      orderId: original.orderId,
      kind: original.kind,
      channel: original.channel,
      recipient: original.recipient,
      subject: original.subject,
      text: original.text,
      html: original.html,
    },
  });
  return true;
}
