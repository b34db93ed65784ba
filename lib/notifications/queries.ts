import "server-only";
import { prisma } from "@/lib/db";
import type { NotificationKind } from "@/lib/generated/prisma/client";
import { notifications } from "./context";
import { DEFAULT_LOW_STOCK_THRESHOLD } from "./low-stock";
import { maskRecipient } from "./mask";
import { SETTINGS_ID, sellerRecipients } from "./recipients";

/** The settings page: what the owner saved, where alerts go right now, and which channels can send. */
export async function getAlertSettings() {
  const ctx = notifications();
  const saved = await prisma.notificationSettings.findUnique({ where: { id: SETTINGS_ID } });
  const effective = await sellerRecipients(prisma, ctx.sellerPhone);
  const recentTests = await prisma.notification.findMany({
    where: { kind: "TEST" },
    orderBy: { createdAt: "desc" },
    take: 6,
  });
  return {
    alertPhones: saved?.alertPhones ?? [],
    alertEmails: saved?.alertEmails ?? [],
    smsEnabled: saved?.smsEnabled ?? true,
    emailEnabled: saved?.emailEnabled ?? true,
    lowStockThreshold: saved?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD,
    dailyStockSummary: saved?.dailyStockSummary ?? false,
    effective: { sms: effective.sms.map(maskRecipient), email: effective.email.map(maskRecipient) },
    channels: { sms: ctx.sms !== null, email: ctx.email !== null },
    recentTests: recentTests.map(toMessageView),
  };
}

/** The low-stock threshold of a product that sets none: the owner's setting, else the default. */
export async function getShopLowStockThreshold() {
  const saved = await prisma.notificationSettings.findUnique({
    where: { id: SETTINGS_ID },
    select: { lowStockThreshold: true },
  });
  return saved?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD;
}

export type MessageView = ReturnType<typeof toMessageView>;

/** A message as the dashboard shows it: recipient masked, the gateway's reason when it failed. */
function toMessageView(n: {
  id: string;
  kind: NotificationKind;
  channel: "SMS" | "EMAIL";
  recipient: string;
  status: "QUEUED" | "SENDING" | "SENT" | "DELIVERED" | "FAILED";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: n.id,
    kind: n.kind,
    channel: n.channel,
    to: maskRecipient(n.recipient),
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.nextAttemptAt,
    sentAt: n.sentAt,
    deliveredAt: n.deliveredAt,
    createdAt: n.createdAt,
  };
}

export async function listOrderMessages(orderId: string) {
  // Messages of one transition share a createdAt: kind, channel and recipient keep their order stable.
  const rows = await prisma.notification.findMany({
    where: { orderId },
    orderBy: [{ createdAt: "asc" }, { kind: "asc" }, { channel: "asc" }, { recipient: "asc" }, { id: "asc" }],
  });
  return rows.map(toMessageView);
}
