import { formatInTimeZone } from "date-fns-tz";
import { eatDateKey } from "@/lib/dashboard/time";
import { SHOP_TIME_ZONE } from "@/lib/format";

/** The morning stock summary goes out from this hour of the shop's day (EAT); vercel.json's cron runs then. */
export const STOCK_SUMMARY_HOUR_EAT = 7;
/**
 * The morning ends at this hour: a summary switched on (or a shop deployed) in the afternoon waits for the
 * next morning rather than reading "Stock this morning" in the evening. Wide enough that the daily cron
 * (run anywhere within its hour on Vercel Hobby) and the requests' sweep fall inside it.
 */
export const STOCK_SUMMARY_UNTIL_HOUR_EAT = 12;

/** The EAT day (YYYY-MM-DD) whose summary may go out at `now`; null outside that day's morning window. */
export function stockSummaryDay(now: Date): string | null {
  const hour = Number(formatInTimeZone(now, SHOP_TIME_ZONE, "H"));
  const morning = hour >= STOCK_SUMMARY_HOUR_EAT && hour < STOCK_SUMMARY_UNTIL_HOUR_EAT;
  return morning ? eatDateKey(now) : null;
}
