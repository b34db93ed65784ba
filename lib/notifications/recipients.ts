import "server-only";
import type { Db, Tx } from "@/lib/db";
import { tryNormalizePhone } from "@/lib/daraja";

/** Africa's Talking wants +254...; stored and compared in that form. */
export function toE164(phone: string): string | null {
  const msisdn = tryNormalizePhone(phone);
  return msisdn ? `+${msisdn}` : null;
}

export const SETTINGS_ID = "shop";

/**
 * Who gets seller alerts. A channel the owner switched off gets none; a channel with no address set goes to
 * the defaults (the owners' emails, SELLER_PHONE), so a fresh shop still hears about its first order.
 */
export async function sellerRecipients(db: Db | Tx, sellerPhone: string | undefined) {
  const settings = await db.notificationSettings.findUnique({ where: { id: SETTINGS_ID } });
  const owners = await db.user.findMany({
    where: { role: "OWNER", disabled: false },
    select: { email: true },
    orderBy: { createdAt: "asc" },
  });
  const defaultPhone = sellerPhone ? toE164(sellerPhone) : null;
  const phones = settings?.alertPhones.length ? settings.alertPhones : defaultPhone ? [defaultPhone] : [];
  const emails = settings?.alertEmails.length ? settings.alertEmails : owners.map((o) => o.email);
  return {
    sms: settings?.smsEnabled === false ? [] : phones,
    email: settings?.emailEnabled === false ? [] : emails,
  };
}
