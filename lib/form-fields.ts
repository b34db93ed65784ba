/**
 * Rules for boxes that several forms share, as zod schemas: what a box takes (inputRules reads its length
 * from here, so the box stops where the server would refuse) and the error a person reads next to it.
 */
import { z } from "zod";
// The phone module alone: the package index would bring Daraja's wire schemas into every form's bundle.
import { tryNormalizePhone } from "@/lib/daraja/phone";

const INVALID_PHONE = "Enter a Kenyan mobile number, e.g. 0712 345 678.";

/**
 * A Kenyan mobile number typed as people write it ("0712 345 678", "+254 712 345 678"), read as
 * 2547XXXXXXXX; at most 20 characters. `required`: the message for an empty box.
 */
export function mobileNumber({
  invalid = INVALID_PHONE,
  required,
}: { invalid?: string; required?: string } = {}) {
  const typed = z.string().trim().max(20, invalid);
  return (required ? typed.min(1, required) : typed).transform((value, ctx) => {
    const msisdn = tryNormalizePhone(value);
    if (!msisdn) ctx.addIssue({ code: "custom", message: invalid });
    return msisdn ?? "";
  });
}

/**
 * Shillings as people type them: "1500", "1,500", "KES 1,500", "Ksh. 1,500", "KShs 1,500", "1500.00". Null
 * when it is not a whole number of shillings (cents, words, or commas that do not group thousands).
 */
export function parseShillings(text: string): number | null {
  const bare = text
    .trim()
    .replace(/^(kshs|ksh|kes)\.?\s*/i, "")
    .replace(/\.0+$/, "")
    .trim();
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(bare)) return null;
  return Number(bare.replaceAll(",", ""));
}

/**
 * Whole shillings from `min` (0 unless given) to `max`, typed as people write them (`parseShillings`);
 * `what` names them in the errors ("fee"), `invalid` replaces the error for what is not an amount.
 */
export function wholeShillings(
  max: number,
  what: string,
  {
    min = 0,
    invalid = `Enter the ${what} in whole shillings, e.g. 1,500.`,
  }: { min?: number; invalid?: string } = {},
) {
  const kes = (n: number) => `KES ${n.toLocaleString("en-KE")}`;
  return z
    .string()
    .trim()
    .max(20, invalid)
    .transform((text, ctx) => {
      const amount = parseShillings(text);
      const error =
        amount === null
          ? invalid
          : amount > max
            ? `The ${what} can be at most ${kes(max)}.`
            : amount < min
              ? `The ${what} must be at least ${kes(min)}.`
              : null;
      if (error === null) return amount!;
      ctx.addIssue({ code: "custom", message: error });
      return z.NEVER;
    });
}

/** A box that may be left empty or out (null); anything typed must pass `schema`. */
export function emptyAsNull<T extends z.ZodType>(schema: T) {
  const empty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  return z.preprocess((v) => (empty(v) ? null : v), schema.nullable());
}

/** How many left counts as low stock: a whole number from 0 to 10,000 (the alert settings and a product). */
export const lowStockCount = z.coerce
  .number({ error: "Enter how many left counts as low, e.g. 3" })
  .int("Enter a whole number")
  .min(0, "At least 0")
  .max(10_000, "At most 10,000");
