export class InvalidPhoneError extends Error {
  constructor() {
    // The input stays out of the message: it is a phone number, and messages end up in logs.
    super("Not a Kenyan mobile number: expected 07XXXXXXXX, 01XXXXXXXX, +2547XXXXXXXX or +2541XXXXXXXX");
    this.name = "InvalidPhoneError";
  }
}

// Safaricom numbers are 254 followed by 7XXXXXXXX or 1XXXXXXXX.
const LOCAL_FORMS = [/^0([17]\d{8})$/, /^([17]\d{8})$/, /^\+?254([17]\d{8})$/];

/** Returns the MSISDN Daraja expects (2547XXXXXXXX or 2541XXXXXXXX); throws InvalidPhoneError otherwise. */
export function normalizePhone(input: string): string {
  const compact = input.trim().replace(/[\s-]+/g, "");
  for (const form of LOCAL_FORMS) {
    const subscriber = form.exec(compact)?.[1];
    if (subscriber) return `254${subscriber}`;
  }
  throw new InvalidPhoneError();
}

export function tryNormalizePhone(input: string): string | null {
  try {
    return normalizePhone(input);
  } catch {
    return null;
  }
}

/** "2547******149": safe for logs and screens. The mask width is fixed so it does not reveal the length. */
export function maskPhone(msisdn: string): string {
  const normalized = tryNormalizePhone(msisdn);
  if (normalized) return `${normalized.slice(0, 4)}******${normalized.slice(-3)}`;
  const digits = msisdn.replace(/\D/g, "");
  return digits.length >= 7 ? `******${digits.slice(-3)}` : "******";
}
