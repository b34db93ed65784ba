import { describe, expect, it } from "vitest";
import {
  type CodeLimits,
  type DiscountRule,
  codeStatus,
  limitsRefusal,
  normalizeCode,
} from "@/lib/pricing/discount";
import { priceOrder, type PricingLine } from "@/lib/pricing/price-lines";
import { variantName, variantPrice } from "@/lib/pricing/variant-price";

const line = (unitPriceKes: number, quantity = 1, productId = "p1", categoryId = "c1"): PricingLine => ({
  productId,
  categoryId,
  unitPriceKes,
  quantity,
});

const rule = (over: Partial<DiscountRule>): DiscountRule => ({
  code: "KARIBU10",
  kind: "PERCENT",
  value: 10,
  minOrderKes: null,
  productIds: [],
  categoryIds: [],
  ...over,
});

function price(lines: PricingLine[], fee: number, r: DiscountRule | null) {
  const result = priceOrder(lines, fee, r);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.price;
}

describe("variant price", () => {
  it("uses the variant's own price, else the product's", () => {
    const product = { priceKes: 2500, compareAtKes: null };
    expect(variantPrice(product, { priceKes: null, compareAtKes: null })).toEqual({
      priceKes: 2500,
      compareAtKes: null,
    });
    expect(variantPrice(product, { priceKes: 2800, compareAtKes: null }).priceKes).toBe(2800);
  });

  it("shows a compare-at price only when it is above the selling price", () => {
    expect(
      variantPrice({ priceKes: 2000, compareAtKes: 2600 }, { priceKes: null, compareAtKes: null }),
    ).toEqual({
      priceKes: 2000,
      compareAtKes: 2600,
    });
    expect(
      variantPrice({ priceKes: 2000, compareAtKes: 2600 }, { priceKes: 2700, compareAtKes: null }),
    ).toEqual({
      priceKes: 2700,
      compareAtKes: null,
    });
    expect(
      variantPrice({ priceKes: 2000, compareAtKes: null }, { priceKes: null, compareAtKes: 2400 }),
    ).toEqual({
      priceKes: 2000,
      compareAtKes: 2400,
    });
  });

  it("names a variant after its product and options", () => {
    expect(variantName("Ankara dress", "Red / M")).toBe("Ankara dress, Red / M");
    expect(variantName("Bao board", "")).toBe("Bao board");
  });
});

describe("discount codes", () => {
  it("ignores case and spaces in what the shopper typed", () => {
    expect(normalizeCode(" karibu 10 ")).toBe("KARIBU10");
  });

  it("takes a percentage off the goods, rounded to whole shillings", () => {
    const p = price([line(1455)], 200, rule({ value: 10 }));
    expect(p.discount).toEqual({ code: "KARIBU10", kind: "PERCENT", amountKes: 146 });
    expect(p.totalKes).toBe(1455 + 200 - 146);
    expect(price([line(1445)], 0, rule({ value: 10 })).discount?.amountKes).toBe(145); // 144.5 rounds up
    expect(price([line(1444)], 0, rule({ value: 10 })).discount?.amountKes).toBe(144);
  });

  it("takes a fixed amount off, never more than the goods it applies to", () => {
    expect(price([line(800, 2)], 0, rule({ kind: "FIXED", value: 300 })).totalKes).toBe(1300);
    const p = price([line(250)], 200, rule({ kind: "FIXED", value: 1000 }));
    expect(p.discount?.amountKes).toBe(250);
    expect(p.totalKes).toBe(200);
  });

  it("makes delivery free at any zone's fee, and changes nothing on pickup", () => {
    for (const fee of [200, 350, 600]) {
      const p = price([line(1000)], fee, rule({ kind: "FREE_DELIVERY", value: 0 }));
      expect(p).toMatchObject({ deliveryFeeKes: fee, totalKes: 1000, discount: { amountKes: fee } });
    }
    expect(price([line(1000)], 0, rule({ kind: "FREE_DELIVERY", value: 0 })).totalKes).toBe(1000);
  });

  it("never takes the total under KES 1", () => {
    expect(price([line(100)], 0, rule({ value: 100 })).totalKes).toBe(1);
    expect(price([line(100)], 0, rule({ kind: "FIXED", value: 500 })).totalKes).toBe(1);
    expect(price([line(1)], 0, rule({ value: 50 })).totalKes).toBe(1);
  });

  it("applies only to the products or categories it names", () => {
    const lines = [line(1000, 1, "dress", "fashion"), line(500, 1, "tea", "pantry")];
    expect(price(lines, 0, rule({ value: 20, productIds: ["dress"] })).discount?.amountKes).toBe(200);
    expect(price(lines, 0, rule({ value: 20, categoryIds: ["pantry"] })).discount?.amountKes).toBe(100);
    const refused = priceOrder(lines, 0, rule({ categoryIds: ["home"] }));
    expect(refused).toMatchObject({ ok: false, refusal: { reason: "not_eligible" } });
  });

  it("refuses a cart under the minimum, saying how much is missing", () => {
    const refused = priceOrder([line(1200)], 0, rule({ minOrderKes: 2000 }));
    expect(refused).toEqual({
      ok: false,
      refusal: {
        reason: "minimum",
        message: "The code KARIBU10 needs an order of KES 2,000: add KES 800 more.",
      },
    });
    expect(priceOrder([line(1000, 2)], 0, rule({ minOrderKes: 2000 })).ok).toBe(true);
  });

  it("prices without a code as goods plus delivery", () => {
    expect(price([line(700, 3)], 350, null)).toEqual({
      subtotalKes: 2100,
      deliveryFeeKes: 350,
      discount: null,
      totalKes: 2450,
    });
  });
});

describe("code limits", () => {
  const now = new Date("2026-12-05T09:00:00Z");
  const open: CodeLimits = {
    active: true,
    startsAt: null,
    endsAt: null,
    maxUses: null,
    usesCount: 0,
    maxUsesPerPhone: null,
    phoneUses: 0,
  };
  const reason = (over: Partial<CodeLimits>) =>
    limitsRefusal("SALE", { ...open, ...over }, now)?.reason ?? null;

  it("says which limit refused the code", () => {
    expect(reason({})).toBeNull();
    expect(reason({ active: false })).toBe("unknown");
    expect(reason({ startsAt: new Date("2026-12-05T10:00:00Z") })).toBe("not_started");
    expect(reason({ endsAt: now })).toBe("expired");
    expect(reason({ endsAt: new Date("2026-12-05T09:00:01Z") })).toBeNull();
    expect(reason({ maxUses: 5, usesCount: 5 })).toBe("used_up");
    expect(reason({ maxUses: 5, usesCount: 4 })).toBeNull();
    expect(reason({ maxUsesPerPhone: 1, phoneUses: 1 })).toBe("phone_used");
  });

  it("tells the seller's list whether a code works today: not 'Active' once ended, before its start or used up", () => {
    const status = (over: Partial<CodeLimits>) => codeStatus({ ...open, ...over }, now);
    expect(status({})).toBe("Active");
    expect(status({ active: false, endsAt: now })).toBe("Paused");
    expect(status({ startsAt: new Date("2026-12-05T10:00:00Z") })).toBe("Not started");
    expect(status({ endsAt: now })).toBe("Ended");
    expect(status({ maxUses: 5, usesCount: 5 })).toBe("Used up");
    expect(status({ maxUsesPerPhone: 1, phoneUses: 1 })).toBe("Active");
  });
});
