import { z } from "zod";
import { emptyAsNull, mobileNumber } from "@/lib/form-fields";

/** A fulfilment step on an order, with the rider's number (optional) when it is dispatched. */
export const fulfilmentInput = z.object({
  reference: z.string().min(1).max(40),
  fulfilment: z.enum(["DISPATCHED", "FULFILLED", "UNFULFILLED"]),
  riderPhone: emptyAsNull(
    mobileNumber({
      invalid: "Enter the rider's Kenyan mobile number, e.g. 0712 345 678, or leave it empty.",
    }),
  ),
});
