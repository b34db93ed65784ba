import { z } from "zod";
import { mobileNumber } from "@/lib/form-fields";

const REFERENCE = "Enter the order reference, e.g. DK-7Q4M2X.";
const CODE = "Enter the 6-digit code from the SMS.";

/** "Track my order", step one: the order's reference and the number it was ordered with. */
export const trackLookupInput = z.object({
  reference: z
    .string()
    .trim()
    .max(12, { error: REFERENCE, abort: true })
    .regex(/^(dk)?[\s-]*[a-z0-9]{6}$/i, REFERENCE),
  phone: mobileNumber({ invalid: "Enter the Kenyan mobile number you ordered with." }),
});

/** Step two: the 6-digit code sent by SMS to that number. */
export const trackCodeInput = z.object({
  code: z
    .string()
    .trim()
    .max(6, { error: CODE, abort: true })
    .regex(/^\d{6}$/, CODE),
});
