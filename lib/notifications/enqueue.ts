import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { type StoredDelivery, describeOrderDelivery } from "@/lib/delivery/describe";
import { type NotificationChannel, type NotificationKind, Prisma } from "@/lib/generated/prisma/client";
import { notifications } from "./context";
import {
  type OrderFacts,
  type Rendered,
  lowStock,
  orderConfirmation,
  sellerAttention,
  sellerNewOrder,
  testMessage,
} from "./messages";
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
  { orderId: string; event: "paid" } | { orderId: string; event: "attention"; reason: string };

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
  const facts: OrderFacts = { ...order, delivery: order.delivery ? describeOrderDelivery(order) : undefined };
  const seller = onChannels(alertRecipients(alerts, ctx.sellerPhone));
  const rows: Row[] = [];
  if (event.event === "paid") {
    const shopperPhone = toE164(order.phone);
    rows.push(
      ...messageRows(
        { key: `${order.id}:confirmation`, orderId: order.id, kind: "ORDER_CONFIRMATION" },
        orderConfirmation(ctx, facts),
        onChannels({ sms: shopperPhone ? [shopperPhone] : [], email: order.email ? [order.email] : [] }),
      ),
      ...messageRows(
        { key: `${order.id}:new-order`, orderId: order.id, kind: "SELLER_NEW_ORDER" },
        sellerNewOrder(ctx, facts),
        seller,
      ),
    );
  } else {
    const reasonKey = createHash("sha256").update(event.reason).digest("hex").slice(0, 16);
    rows.push(
      ...messageRows(
        { key: `${order.id}:attention:${reasonKey}`, orderId: order.id, kind: "SELLER_ATTENTION" },
        sellerAttention(ctx, facts, event.reason),
        seller,
      ),
    );
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

type OrderForMessages = Omit<OrderFacts, "delivery"> & {
  id: string;
  phone: string;
  email: string | null;
  deliveryFeeKes: number;
  delivery: StoredDelivery | null;
};

/**
 * The order, its delivery and the seller's alert settings: everything its messages need, in one plain
 * statement on the payment path (see lib/conditional-update.ts for why); the outbox rows are one more.
 */
async function readOrderForMessages(tx: Tx, orderId: string) {
  const [row] = await tx.$queryRaw<(OrderForMessages & AlertSettingsRow)[]>`
    SELECT o.id, o.reference, o."publicId", o."totalKes", o."mpesaReceipt", o."customerName", o.phone,
      o.email, o."deliveryFeeKes", row_to_json(d) AS delivery, ${alertSettingsColumns}
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
async function insertNewMessages(tx: Tx, rows: Row[]) {
  if (rows.length === 0) return;
  const at = new Date();
  const values = rows.map(
    (r) => Prisma.sql`(${randomUUID()}, ${r.idempotencyKey}, ${r.orderId}, ${r.kind}, ${r.channel},
      ${r.recipient}, ${r.subject}, ${r.text}, ${r.html}, ${at}, ${at}, ${at})`,
  );
  await tx.$executeRaw`
    WITH added AS (
      INSERT INTO "Notification" (id, "idempotencyKey", "orderId", kind, channel, recipient, subject, text,
        html, "nextAttemptAt", "createdAt", "updatedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "orderId", kind, channel, recipient)
    INSERT INTO "OrderEvent" (id, "orderId", kind, at, actor, note)
    SELECT gen_random_uuid()::text, "orderId", 'MESSAGE_QUEUED', ${at}, 'system',
      CASE kind WHEN 'ORDER_CONFIRMATION' THEN 'Order confirmation' WHEN 'SELLER_NEW_ORDER' THEN 'New order alert'
        WHEN 'SELLER_ATTENTION' THEN 'Attention alert' ELSE 'Message' END
      || CASE channel WHEN 'SMS' THEN ' by SMS to ' ELSE ' by email to ' END || recipient
    FROM added WHERE "orderId" IS NOT NULL`;
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
