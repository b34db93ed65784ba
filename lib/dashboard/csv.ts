/**
 * One CSV cell. Quotes when needed (RFC 4180) and defuses spreadsheet formulas: a text cell starting
 * with = + - @ (or a tab/CR) gets a leading apostrophe, so a customer named "=HYPERLINK(...)" stays text.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
