import { formatInTimeZone } from "date-fns-tz";

export const SHOP_TIME_ZONE = "Africa/Nairobi";

const kes = new Intl.NumberFormat("en-KE", { maximumFractionDigits: 0 });

/** Whole shillings, e.g. "KES 1,450". */
export function formatKes(amount: number): string {
  return `KES ${kes.format(amount)}`;
}

/** A UTC instant shown in East Africa Time, e.g. "25 Nov 2026, 14:05 EAT". */
export function formatEat(date: Date, pattern = "d MMM yyyy, HH:mm"): string {
  return `${formatInTimeZone(date, SHOP_TIME_ZONE, pattern)} EAT`;
}

/** A Kenyan mobile number as people write it: "254712345678" or "+254712345678" -> "0712 345 678". */
export function formatPhoneLocal(msisdn: string): string {
  const digits = msisdn.replace(/\D/g, "");
  const local = digits.startsWith("254") && digits.length === 12 ? `0${digits.slice(3)}` : digits;
  return /^0\d{9}$/.test(local) ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : msisdn;
}
