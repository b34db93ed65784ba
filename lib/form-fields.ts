/**
 * Rules for boxes that several forms share, as zod schemas: what a box takes (inputRules reads its length
 * from here, so the box stops where the server would refuse) and the error a person reads next to it.
 */
import { z } from "zod";
import { tryNormalizePhone } from "@/lib/daraja";

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

/** Whole shillings from 0 to `max`, typed without commas; `what` names them in the errors ("fee"). */
export function wholeShillings(max: number, what: string) {
  const tooMuch = `The ${what} can be at most KES ${max.toLocaleString("en-KE")}.`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `Enter the ${what} in whole shillings, e.g. 200.`, abort: true })
    .max(String(max).length, tooMuch)
    .transform(Number)
    .refine((n) => n <= max, tooMuch);
}

/** A box that may be left empty (null); anything typed must pass `schema`. */
export function emptyAsNull<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());
}
