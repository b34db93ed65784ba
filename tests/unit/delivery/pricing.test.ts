import { describe, expect, it } from "vitest";
import { KENYA_COUNTIES, isCounty } from "@/lib/delivery/counties";
import { describeDelivery, describeDeliveryDetail, describeOrderDelivery } from "@/lib/delivery/describe";
import { type Fulfilment, type Method, fulfilmentLabel, fulfilmentSteps } from "@/lib/delivery/fulfilment";
import {
  type DeliveryConfig,
  OPTIONS_CHANGED,
  PICKUP_KEY,
  deliveryOffers,
  offerValue,
  parseOfferValue,
  quoteDelivery,
} from "@/lib/delivery/pricing";
import { payOnDeliveryRefusal } from "@/lib/delivery/pay-on-delivery";

const cbd = {
  id: "zone-cbd",
  name: "Nairobi CBD",
  feeKes: 200,
  etaText: "Same day",
  counties: ["Nairobi"],
  payOnDelivery: { maxKes: 3000 },
};
const courier = {
  id: "zone-courier",
  name: "Rest of Kenya",
  feeKes: 600,
  etaText: "2-4 days",
  counties: [],
  payOnDelivery: null,
};
const config: DeliveryConfig = {
  pickup: { address: "Kimathi Street, Nairobi", hours: "Mon-Sat 8:00-18:00", payOnCollection: false },
  zones: [cbd, courier],
  freeThresholdKes: 5000,
  payOnDeliveryNote: "",
};
const address = { county: "Nairobi", town: "CBD", landmark: "Opposite the post office" };

describe("pay on delivery", () => {
  it("is offered only where the owner turned it on, and up to the zone's maximum", () => {
    const [pickup, zone, far] = deliveryOffers(config, 1200);
    expect(payOnDeliveryRefusal(zone!.payOnDelivery, 3000)).toBeNull();
    expect(payOnDeliveryRefusal(zone!.payOnDelivery, 3001)).toMatch(/up to KES 3,000/);
    expect(payOnDeliveryRefusal(far!.payOnDelivery, 100)).toMatch(/not offered/);
    // Never for pickup unless the owner chose it.
    expect(payOnDeliveryRefusal(pickup!.payOnDelivery, 100)).toMatch(/not offered/);
    const collect = { ...config, pickup: { ...config.pickup!, payOnCollection: true } };
    expect(payOnDeliveryRefusal(deliveryOffers(collect, 1200)[0]!.payOnDelivery, 100)).toBeNull();
  });
});

describe("delivery offers", () => {
  it("lists pickup first, free, then each zone at its fee", () => {
    const offers = deliveryOffers(config, 1200);
    expect(offers.map((o) => [o.key, o.feeKes])).toEqual([
      [PICKUP_KEY, 0],
      ["zone-cbd", 200],
      ["zone-courier", 600],
    ]);
  });

  it("makes every zone free once the goods reach the threshold, and not a shilling before", () => {
    expect(deliveryOffers(config, 4999).map((o) => o.feeKes)).toEqual([0, 200, 600]);
    expect(deliveryOffers(config, 5000).map((o) => o.feeKes)).toEqual([0, 0, 0]);
  });

  it("has no threshold when the owner set none", () => {
    expect(deliveryOffers({ ...config, freeThresholdKes: null }, 1_000_000).map((o) => o.feeKes)).toEqual([
      0, 200, 600,
    ]);
  });

  it("leaves pickup out when the shop offers none", () => {
    expect(deliveryOffers({ ...config, pickup: null }, 100).map((o) => o.key)).toEqual([
      "zone-cbd",
      "zone-courier",
    ]);
  });
});

describe("quoting the shopper's choice", () => {
  it("snapshots a zone delivery with its name, fee, time and address", () => {
    const quote = quoteDelivery(config, 1200, { key: "zone-cbd", seenFeeKes: 200, ...address });
    expect(quote).toEqual({
      ok: true,
      payOnDelivery: { maxKes: 3000 },
      snapshot: {
        method: "DELIVERY",
        feeKes: 200,
        zoneId: "zone-cbd",
        zoneName: "Nairobi CBD",
        etaText: "Same day",
        ...address,
        pickupAddress: null,
        pickupHours: null,
      },
    });
  });

  it("snapshots a pickup with the shop's address and hours, free, needing no address", () => {
    const quote = quoteDelivery(config, 1200, { key: PICKUP_KEY, seenFeeKes: 0 });
    expect(quote.ok && quote.snapshot).toMatchObject({
      method: "PICKUP",
      feeKes: 0,
      pickupAddress: "Kimathi Street, Nairobi",
      pickupHours: "Mon-Sat 8:00-18:00",
      county: null,
    });
  });

  it("keeps the fee it quoted even if the zone changes afterwards (the snapshot is a copy)", () => {
    const zones = [{ ...cbd }];
    const quote = quoteDelivery({ ...config, zones }, 1200, { key: "zone-cbd", seenFeeKes: 200, ...address });
    zones[0]!.feeKes = 900;
    zones[0]!.name = "Renamed";
    expect(quote.ok && [quote.snapshot.feeKes, quote.snapshot.zoneName]).toEqual([200, "Nairobi CBD"]);
  });

  it("refuses a fee that changed since the page loaded", () => {
    const raised = { ...config, zones: [{ ...cbd, feeKes: 250 }] };
    expect(quoteDelivery(raised, 1200, { key: "zone-cbd", seenFeeKes: 200, ...address })).toEqual({
      ok: false,
      reason: "options_changed",
      message: OPTIONS_CHANGED,
    });
  });

  it("refuses a zone that no longer exists, and a pickup the shop stopped offering", () => {
    expect(
      quoteDelivery({ ...config, zones: [courier] }, 1200, { key: "zone-cbd", seenFeeKes: 200, ...address }),
    ).toMatchObject({ ok: false, reason: "options_changed" });
    expect(
      quoteDelivery({ ...config, pickup: null }, 1200, { key: PICKUP_KEY, seenFeeKes: 0 }),
    ).toMatchObject({
      ok: false,
      reason: "options_changed",
    });
  });

  it("refuses a fee the shopper saw as free when the cart fell below the threshold", () => {
    expect(quoteDelivery(config, 4000, { key: "zone-cbd", seenFeeKes: 0, ...address })).toMatchObject({
      ok: false,
      reason: "options_changed",
    });
  });

  it("refuses a county the zone does not cover; an empty county list covers all 47", () => {
    const mombasa = { ...address, county: "Mombasa" };
    expect(quoteDelivery(config, 1200, { key: "zone-cbd", seenFeeKes: 200, ...mombasa })).toMatchObject({
      ok: false,
      reason: "county_not_served",
    });
    for (const county of KENYA_COUNTIES)
      expect(
        quoteDelivery(config, 1200, { key: "zone-courier", seenFeeKes: 600, ...address, county }).ok,
      ).toBe(true);
  });

  it("refuses a delivery with no address", () => {
    expect(quoteDelivery(config, 1200, { key: "zone-cbd", seenFeeKes: 200 })).toMatchObject({
      ok: false,
      reason: "address_missing",
    });
  });
});

describe("radio values", () => {
  it("carry the option and the fee shown beside it", () => {
    const offer = deliveryOffers(config, 100)[1]!;
    expect(parseOfferValue(offerValue(offer))).toEqual({ key: "zone-cbd", seenFeeKes: 200 });
  });

  it.each(["", "zone-cbd", "zone-cbd@", "zone-cbd@-5", "zone cbd@5", "a@1.5"])("refuses %j", (value) => {
    expect(parseOfferValue(value)).toBeNull();
  });
});

describe("counties", () => {
  it("are Kenya's 47, each once", () => {
    expect(new Set(KENYA_COUNTIES).size).toBe(47);
    expect(isCounty("Nairobi")).toBe(true);
    expect(isCounty("Nairobi County")).toBe(false);
  });
});

describe("describing the delivery (receipts, messages)", () => {
  const stored = { zoneName: null, etaText: null, county: null, town: null, landmark: null };
  it("says where a delivery goes, its fee and time", () => {
    expect(
      describeDelivery({
        ...stored,
        method: "DELIVERY",
        feeKes: 200,
        zoneName: "Nairobi CBD",
        etaText: "Same day",
        ...address,
        pickupAddress: null,
        pickupHours: null,
      }),
    ).toBe("Delivery: Nairobi CBD (KES 200) to Opposite the post office, CBD, Nairobi; Same day.");
  });

  it("words a stored order's delivery, and says so when an older order has none", () => {
    expect(describeOrderDelivery({ deliveryFeeKes: 0, delivery: null })).toBe("Delivery not recorded.");
    const delivery = { ...stored, method: "DELIVERY" as const, zoneName: "Rest of Kenya", ...address };
    expect(
      describeOrderDelivery({
        deliveryFeeKes: 0,
        delivery: { ...delivery, pickupAddress: null, pickupHours: null },
      }),
    ).toBe("Delivery: Rest of Kenya (free) to Opposite the post office, CBD, Nairobi.");
  });

  it("says where to pick up, and when the shop is open", () => {
    expect(
      describeDelivery({
        ...stored,
        method: "PICKUP",
        feeKes: 0,
        pickupAddress: "Kimathi Street, Nairobi",
        pickupHours: "Mon-Sat 8:00-18:00",
      }),
    ).toBe("Pickup at the shop: Kimathi Street, Nairobi, open Mon-Sat 8:00-18:00.");
  });

  it("does not say Delivery or Pickup again in a receipt's row labelled so", () => {
    const pickup = { pickupAddress: "Kimathi Street, Nairobi", pickupHours: null };
    expect(
      describeDeliveryDetail({
        ...stored,
        method: "DELIVERY",
        feeKes: 350,
        zoneName: "Nairobi suburbs",
        etaText: "Next day",
        ...address,
        pickupAddress: null,
        pickupHours: null,
      }),
    ).toBe("Nairobi suburbs (KES 350) to Opposite the post office, CBD, Nairobi; Next day.");
    expect(describeDeliveryDetail({ ...stored, method: "PICKUP", feeKes: 0, ...pickup })).toBe(
      "At the shop: Kimathi Street, Nairobi.",
    );
  });
});

describe("fulfilment steps", () => {
  it("dispatch then deliver a delivery, ready then pick up a pickup, and keep 'fulfilled' for older orders", () => {
    const labels = (method: Method, f: Fulfilment) => fulfilmentSteps(method, f).map((s) => s.label);
    expect(labels("DELIVERY", "UNFULFILLED")).toEqual(["Mark dispatched", "Mark delivered"]);
    expect(labels("DELIVERY", "DISPATCHED")).toEqual(["Mark delivered", "Mark unfulfilled"]);
    expect(labels("PICKUP", "UNFULFILLED")).toEqual(["Mark ready for pickup", "Mark picked up"]);
    expect(fulfilmentLabel("PICKUP", "DISPATCHED")).toBe("Ready for pickup");
    expect(labels(null, "UNFULFILLED")).toEqual(["Mark fulfilled"]);
    expect(labels("PICKUP", "FULFILLED")).toEqual(["Mark unfulfilled"]);
    expect(fulfilmentLabel("PICKUP", "FULFILLED")).toBe("Picked up");
    expect(fulfilmentLabel("DELIVERY", "FULFILLED")).toBe("Delivered");
  });

  it("lets an order paid on delivery leave the shop unpaid, but not be delivered before it is paid", () => {
    const labels = (f: Fulfilment) => fulfilmentSteps("DELIVERY", f, false).map((s) => s.label);
    expect(labels("UNFULFILLED")).toEqual(["Mark dispatched"]);
    expect(labels("DISPATCHED")).toEqual(["Mark unfulfilled"]);
  });
});
