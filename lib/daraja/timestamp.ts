// Daraja works in East Africa Time, UTC+3 all year (no daylight saving), whatever zone the server runs in.
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** YYYYMMDDHHmmss in EAT, the value that goes both in Timestamp and inside Password. */
export function darajaTimestamp(now: Date): string {
  const eat = new Date(now.getTime() + EAT_OFFSET_MS);
  return (
    pad(eat.getUTCFullYear(), 4) +
    pad(eat.getUTCMonth() + 1) +
    pad(eat.getUTCDate()) +
    pad(eat.getUTCHours()) +
    pad(eat.getUTCMinutes()) +
    pad(eat.getUTCSeconds())
  );
}

export function darajaPassword(shortcode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`, "utf8").toString("base64");
}

/** Parses a callback TransactionDate (YYYYMMDDHHmmss, EAT) into a UTC instant; throws RangeError if invalid. */
export function eatNumberToDate(n: number | string): Date {
  const text = typeof n === "number" ? (Number.isSafeInteger(n) ? String(n) : "") : n.trim();
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) throw new RangeError("TransactionDate must be YYYYMMDDHHmmss");
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - EAT_OFFSET_MS);
  // Date.UTC rolls 31 February over into March: a round trip catches impossible dates.
  if (darajaTimestamp(date) !== text) throw new RangeError("TransactionDate is not a real date and time");
  return date;
}
