// Checks of Daraja request fields (shortcode, phone, timestamp, amount, URLs) as Daraja applies them.
import { parseEatTimestamp } from "./eat-time";
import { DARAJA_ERRORS, type DarajaError } from "./errors";

/** Daraja takes numbers or strings for numeric fields. */
export function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

export function shortcodeFrom(value: unknown): string | null {
  const text = textOf(value);
  return text !== null && /^\d{5,7}$/.test(text) ? text : null;
}

export function msisdnFrom(value: unknown): string | null {
  const text = textOf(value);
  return text !== null && /^254[17]\d{8}$/.test(text) ? text : null;
}

/** YYYYMMDDHHmmss in EAT, and no further than skewSec from now. */
export function timestampFrom(value: unknown, now: Date, skewSec: number): string | null {
  const text = textOf(value);
  const at = text === null ? null : parseEatTimestamp(text);
  if (text === null || at === null) return null;
  return Math.abs(at.getTime() - now.getTime()) <= skewSec * 1000 ? text : null;
}

export function expectedPassword(shortcode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`).toString("base64");
}

/** Merchant first: without its passkey the password cannot be checked. */
export function merchantCredentialsError(
  merchants: Record<string, string>,
  shortcode: string,
  password: unknown,
  timestamp: string,
): DarajaError | null {
  const passkey = merchants[shortcode];
  if (passkey === undefined) return DARAJA_ERRORS.merchantDoesNotExist;
  return password === expectedPassword(shortcode, passkey, timestamp) ? null : DARAJA_ERRORS.wrongCredentials;
}

export type BodyRecord = Record<string, unknown>;

export function isBodyRecord(value: unknown): value is BodyRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
