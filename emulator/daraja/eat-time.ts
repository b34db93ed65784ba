// Daraja speaks East Africa Time (UTC+3, no DST) whatever the server's zone.
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function eatParts(at: Date) {
  const shifted = new Date(at.getTime() + EAT_OFFSET_MS);
  return {
    year: pad(shifted.getUTCFullYear(), 4),
    month: pad(shifted.getUTCMonth() + 1),
    day: pad(shifted.getUTCDate()),
    hour: pad(shifted.getUTCHours()),
    minute: pad(shifted.getUTCMinutes()),
    second: pad(shifted.getUTCSeconds()),
  };
}

/** YYYYMMDDHHmmss, as in Timestamp and TransactionDate. */
export function eatTimestamp(at: Date): string {
  const p = eatParts(at);
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}

/** DDMMYYYYHHmmss, as inside a CheckoutRequestID. */
export function eatDayFirst(at: Date): string {
  const p = eatParts(at);
  return `${p.day}${p.month}${p.year}${p.hour}${p.minute}${p.second}`;
}

/** Parses YYYYMMDDHHmmss read as EAT; null unless it names a real instant (no 31 February). */
export function parseEatTimestamp(text: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - EAT_OFFSET_MS);
  return eatTimestamp(at) === text ? at : null;
}
