import { z } from "zod";
import { describe, expect, it } from "vitest";
import { deliveryForm } from "@/lib/delivery/checkout-form";

const blank = { county: "", town: "", landmark: "" };
const errorsOf = (input: Record<string, string>) => {
  const parsed = deliveryForm.safeParse(input);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
};

describe("checkout delivery fields", () => {
  it("need no address for pickup", () => {
    expect(deliveryForm.parse({ delivery: "pickup@0", ...blank })).toEqual({
      delivery: { key: "pickup", seenFeeKes: 0 },
    });
  });

  it("need county, town and landmark for delivery, each with its own error", () => {
    expect(Object.keys(errorsOf({ delivery: "zone1@200", ...blank })).sort()).toEqual([
      "county",
      "landmark",
      "town",
    ]);
  });

  it("take a county only from the 47", () => {
    expect(
      errorsOf({ delivery: "zone1@200", county: "Gotham", town: "Kileleshwa", landmark: "Near the mall" }),
    ).toEqual({ county: ["Choose the county to deliver to."] });
  });

  it("carry the option, the fee seen and the trimmed address", () => {
    expect(
      deliveryForm.parse({
        delivery: "zone1@200",
        county: "Kisumu",
        town: " Milimani ",
        landmark: " Blue gate ",
      }),
    ).toEqual({
      delivery: { key: "zone1", seenFeeKes: 200, county: "Kisumu", town: "Milimani", landmark: "Blue gate" },
    });
  });

  it("ask to choose when no option was picked, and to review when the value is garbled", () => {
    expect(errorsOf({ delivery: "", ...blank })).toEqual({ delivery: ["Choose how to get your order."] });
    expect(errorsOf({ delivery: "zone1", ...blank })).toEqual({
      delivery: ["Delivery options changed, please review."],
    });
  });
});
