import "server-only";
import type { Db, Tx } from "@/lib/db";
import { tryNormalizePhone } from "@/lib/daraja";
import { type NotificationSettings, Prisma } from "@/lib/generated/prisma/client";

/** Africa's Talking wants +254...; stored and compared in that form. */
export function toE164(phone: string): string | null {
  const msisdn = tryNormalizePhone(phone);
  return msisdn ? `+${msisdn}` : null;
}

export const SETTINGS_ID = "shop";

/** The settings row's alert fields (all null when the owner never saved settings) and the owners' emails. */
export type AlertSettingsRow = {
  [K in "smsEnabled" | "emailEnabled" | "alertPhones" | "alertEmails"]: NotificationSettings[K] | null;
} & { ownerEmails: string[] };

// Plain SQL: the alert settings are read in every paid order's transaction, joined to the order's own read
// (see lib/conditional-update.ts for why). Columns for a query that has `alertSettingsJoin` in its FROM.
export const alertSettingsColumns = Prisma.sql`s."smsEnabled", s."emailEnabled", s."alertPhones",
  s."alertEmails",
  ARRAY(SELECT email FROM "User" WHERE role = 'OWNER' AND NOT disabled ORDER BY "createdAt") AS "ownerEmails"`;
export const alertSettingsJoin = Prisma.sql`LEFT JOIN "NotificationSettings" s ON s.id = ${SETTINGS_ID}`;

/**
 * Who gets seller alerts. A channel the owner switched off gets none; a channel with no address set goes to
 * the defaults (the owners' emails, SELLER_PHONE), so a fresh shop still hears about its first order.
 */
export function alertRecipients(row: AlertSettingsRow, sellerPhone: string | undefined) {
  const { smsEnabled, emailEnabled, alertPhones, alertEmails, ownerEmails } = row;
  const defaultPhone = sellerPhone ? toE164(sellerPhone) : null;
  const phones = alertPhones?.length ? alertPhones : defaultPhone ? [defaultPhone] : [];
  const emails = alertEmails?.length ? alertEmails : ownerEmails;
  return {
    sms: smsEnabled === false ? [] : phones,
    email: emailEnabled === false ? [] : emails,
  };
}

export async function sellerRecipients(db: Db | Tx, sellerPhone: string | undefined) {
  const [row] = await db.$queryRaw<AlertSettingsRow[]>`
    SELECT ${alertSettingsColumns} FROM (VALUES (1)) AS one ${alertSettingsJoin}`;
  return alertRecipients(row!, sellerPhone);
}
