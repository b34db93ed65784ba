import { z } from "zod";
import { mobileNumber } from "@/lib/form-fields";
import { singleLine } from "@/lib/plain-text";

/** The checkout form as the shopper sends it; errors are shown next to each field. */
export const checkoutForm = z.object({
  customerName: z
    .string()
    .transform(singleLine)
    .pipe(z.string().min(2, "Enter your full name.").max(80, "Use at most 80 characters.")),
  phone: mobileNumber({ required: "Enter the M-Pesa phone number to pay from." }),
  email: z.union([
    z.literal(""),
    z.email("Enter a valid email, or leave it empty.").max(254, "Use a shorter email."),
  ]),
  checkoutKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "Reload the page and try again."),
  payment: z.enum(["mpesa", "delivery"]).catch("mpesa"),
});
