import { z } from "zod";

/** A number the seller blocks by hand from the list page (one that ordered, then never paid at the door). */
export const blockNumberInput = z.object({
  phone: z.string().trim().min(1, "Enter the number to block").max(20, "Enter a Kenyan mobile number"),
  reason: z.string().trim().max(200, "Keep the reason under 200 characters"),
});
