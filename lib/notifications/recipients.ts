import "server-only";
import type { Db, Tx } from "@/lib/db";
import { tryNormalizePhone } from "@/lib/daraja";
import type { NotificationSettings } from "@/lib/generated/prisma/client";

/** Africa's Talking wants +254...; stored and compared in that form. */
export function toE164(phone: string): string | null {
  const msisdn = tryNormalizePhone(phone);
  return msisdn ? `+${msisdn}` : null;
}

export const SETTINGS_ID = "shop";

/** The settings row's alert fields (all null when the owner never saved settings) and the owners' emails. */
type AlertSettingsRow = {
  [K in "smsEnabled" | "emailEnabled" | "alertPhones" | "alertEmails"]: NotificationSettings[K] | null;
} & { ownerEmails: string[] };

/**
 * Who gets seller alerts. A channel the owner switched off gets none; a channel with no address set goes to
 * the defaults (the owners' emails, SELLER_PHONE), so a fresh shop still hears about its first order.
 */
export async function sellerRecipients(db: Db | Tx, sellerPhone: string | undefined) {
  // One plain statement: it runs in every paid order's transaction (see lib/conditional-update.ts for why).
  const [row] = await db.$queryRaw<AlertSettingsRow[]>`
    SELECT s."smsEnabled", s."emailEnabled", s."alertPhones", s."alertEmails",
      ARRAY(SELECT email FROM "User" WHERE role = 'OWNER' AND NOT disabled ORDER BY "createdAt") AS "ownerEmails"
    FROM (VALUES (1)) AS one LEFT JOIN "NotificationSettings" s ON s.id = ${SETTINGS_ID}`;
  const { smsEnabled, emailEnabled, alertPhones, alertEmails, ownerEmails } = row!;
  const defaultPhone = sellerPhone ? toE164(sellerPhone) : null;
  const phones = alertPhones?.length ? alertPhones : defaultPhone ? [defaultPhone] : [];
  const emails = alertEmails?.length ? alertEmails : ownerEmails;
  return {
    sms: smsEnabled === false ? [] : phones,
    email: emailEnabled === false ? [] : emails,
  };
}
