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
