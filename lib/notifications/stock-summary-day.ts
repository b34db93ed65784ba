import { formatInTimeZone } from "date-fns-tz";
import { eatDateKey } from "@/lib/dashboard/time";
import { SHOP_TIME_ZONE } from "@/lib/format";

/** The morning stock summary goes out from this hour of the shop's day (EAT); vercel.json's cron runs then. */
export const STOCK_SUMMARY_HOUR_EAT = 7;

/** The EAT day (YYYY-MM-DD) whose summary may go out at `now`; null before that day's morning hour. */
export function stockSummaryDay(now: Date): string | null {
  const hour = Number(formatInTimeZone(now, SHOP_TIME_ZONE, "H"));
  return hour < STOCK_SUMMARY_HOUR_EAT ? null : eatDateKey(now);
}
