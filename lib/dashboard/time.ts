import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { SHOP_TIME_ZONE } from "@/lib/format";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The shop's calendar date (EAT) of a UTC instant, as YYYY-MM-DD. */
export function eatDateKey(date: Date): string {
  return formatInTimeZone(date, SHOP_TIME_ZONE, "yyyy-MM-dd");
}

/** Midnight EAT (as a UTC instant) of the day `daysBack` days before the one containing `now`. */
export function eatDayStart(now: Date, daysBack = 0): Date {
  const today = fromZonedTime(`${eatDateKey(now)}T00:00:00`, SHOP_TIME_ZONE);
  return new Date(today.getTime() - daysBack * DAY_MS);
}

/** Start of an EAT calendar date given as YYYY-MM-DD; `end` gives the start of the next day. */
export function eatDateBoundary(key: string, end = false): Date {
  const start = fromZonedTime(`${key}T00:00:00`, SHOP_TIME_ZONE);
  return end ? new Date(start.getTime() + DAY_MS) : start;
}

/** The last `days` EAT dates up to and including today's, oldest first. */
export function eatDateKeys(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => eatDateKey(eatDayStart(now, days - 1 - i)));
}
