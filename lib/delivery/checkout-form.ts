import { z } from "zod";
import { singleLine } from "@/lib/plain-text";
import { isCounty } from "./counties";
import { type DeliveryChoice, OPTIONS_CHANGED, PICKUP_KEY, parseOfferValue } from "./pricing";

export type DeliveryFields = { delivery: string; county: string; town: string; landmark: string };

/** The checkout form's delivery fields: the option (with the fee shown) and, for delivery, where to. */
export const deliveryForm = z
  .object({
    delivery: z.string().min(1, "Choose how to get your order."),
    county: z.string().transform(singleLine),
    town: z.string().transform(singleLine).pipe(z.string().max(60, "Use at most 60 characters.")),
    landmark: z.string().transform(singleLine).pipe(z.string().max(200, "Use at most 200 characters.")),
  })
  .transform((form, ctx): { delivery: DeliveryChoice } => {
    const offer = parseOfferValue(form.delivery);
    if (!offer) {
      ctx.addIssue({ code: "custom", path: ["delivery"], message: OPTIONS_CHANGED });
      return z.NEVER;
    }
    if (offer.key === PICKUP_KEY) return { delivery: offer };
    if (!isCounty(form.county))
      ctx.addIssue({ code: "custom", path: ["county"], message: "Choose the county to deliver to." });
    if (form.town.length < 2)
      ctx.addIssue({ code: "custom", path: ["town"], message: "Enter the town or estate." });
    if (form.landmark.length < 3)
      ctx.addIssue({
        code: "custom",
        path: ["landmark"],
        message: "Describe how the rider finds you, e.g. a building or landmark.",
      });
    return { delivery: { ...offer, county: form.county, town: form.town, landmark: form.landmark } };
  });
