// Daraja-shaped identifiers: request ids, CheckoutRequestIDs, M-Pesa receipts.
import { randomBytes, randomInt } from "node:crypto";
import { eatDayFirst } from "./eat-time";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const UPPER_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function randomFrom(alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

/** Issues Daraja-looking identifiers, never the same one twice in a run. */
export class IdFactory {
  private readonly issued = new Set<string>();

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }

  /** e.g. f1e2-4b95-a71d-b30d3cdbb7a7942864 */
  merchantRequestId(): string {
    return this.unique(() => `${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}${randomFrom("0123456789", 6)}`);
  }

  /** ws_CO_ + DDMMYYYYHHmmss (EAT) + 1-3 digits + last 9 digits of the MSISDN. */
  checkoutRequestId(phone: string, at: Date): string {
    let millis = at.getMilliseconds();
    // Same phone in the same millisecond: step the digits, as the real counter would differ.
    return this.unique(() => `ws_CO_${eatDayFirst(at)}${millis++ % 1000}${phone.slice(-9)}`);
  }

  /** 10 uppercase letters and digits, starting with a letter like real receipts (NLJ7RT61SV). */
  receipt(): string {
    return this.unique(() => randomFrom(UPPER_LETTERS, 1) + randomFrom(UPPER_ALPHANUMERIC, 9));
  }

  accessToken(): string {
    return this.unique(() => randomFrom(ALPHANUMERIC, 28));
  }

  /** e.g. 11259-2330641-1; not required to be unique. */
  requestId(): string {
    return `${randomInt(1000, 99999)}-${randomInt(1_000_000, 99_999_999)}-1`;
  }
}
