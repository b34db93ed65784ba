import { describe, expect, it } from "vitest";
import { countyCoverage, coverageText } from "@/lib/delivery/coverage";
import { type DeliveryConfig, deliveryOffers } from "@/lib/delivery/pricing";

const zone = (id: string, name: string, counties: string[]) => ({
  id,
  name,
  feeKes: 200,
  etaText: "Same day",
  counties,
  payOnDelivery: null,
});
const config: DeliveryConfig = {
  pickup: { address: "Kimathi Street, Nairobi", hours: "Mon-Sat 8:00-18:00", payOnCollection: false },
  zones: [zone("cbd", "Nairobi CBD", ["Nairobi"]), zone("suburbs", "Nairobi suburbs", ["Nairobi", "Kiambu"])],
  freeThresholdKes: null,
  payOnDeliveryNote: "",
};
const offers = deliveryOffers(config, 1000);

describe("delivery coverage", () => {
  it("lists a zone's counties in words", () => {
    expect(coverageText([])).toBe("Delivers anywhere in Kenya");
    expect(coverageText(["Nairobi"])).toBe("Delivers to Nairobi");
    expect(coverageText(["Nairobi", "Kiambu", "Kajiado"])).toBe("Delivers to Nairobi, Kiambu and Kajiado");
    const many = ["A", "B", "C", "D", "E", "F", "G", "H"];
    expect(coverageText(many)).toBe("Delivers to A, B, C, D, E, F and 2 more counties");
  });

  it("names the zones that reach a county the chosen one does not", () => {
    expect(countyCoverage(offers, "cbd", "Nairobi")).toEqual({ served: true });
    expect(countyCoverage(offers, "cbd", "")).toEqual({ served: true });
    expect(countyCoverage(offers, "cbd", "Kiambu")).toMatchObject({
      served: false,
      message: "Nairobi CBD does not deliver to Kiambu. Nairobi suburbs does: choose it above.",
      others: ["Nairobi suburbs"],
    });
  });

  it("offers the shop's pickup when no zone reaches the county", () => {
    const reach = countyCoverage(offers, "cbd", "Turkana");
    expect(reach).toMatchObject({
      served: false,
      message:
        "We do not deliver to Turkana yet. Pick up your order at the shop instead: Kimathi Street, Nairobi.",
      others: [],
    });
    expect(reach.served === false && reach.pickup?.key).toBe("pickup");
    const noPickup = deliveryOffers({ ...config, pickup: null }, 1000);
    expect(countyCoverage(noPickup, "cbd", "Turkana")).toMatchObject({
      message: "We do not deliver to Turkana yet.",
      pickup: null,
    });
  });
});
