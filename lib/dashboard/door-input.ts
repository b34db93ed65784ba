import { z } from "zod";
import { emptyAsNull, mobileNumber } from "@/lib/form-fields";

/** "Send M-Pesa prompt" at the door: to a number typed there (a spouse's, a colleague's), else the order's own. */
export const doorPromptInput = z.object({
  phone: emptyAsNull(mobileNumber()),
});
