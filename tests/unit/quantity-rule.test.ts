import { describe, expect, it } from "vitest";
import { fitQuantity, maxChoosable, quantityHint, quantityProblem } from "@/lib/cart/quantity-rule";

const rule = { perLine: 10, perOrder: 30 };

describe("the one quantity rule", () => {
  it("lets a shopper choose up to the per-order cap, or the stock when lower", () => {
    expect(maxChoosable(rule, 120)).toBe(10);
    expect(maxChoosable(rule, 3)).toBe(3);
    expect(maxChoosable(rule, 0)).toBe(0);
    expect(quantityHint(rule, 120)).toBe("At most 10 per order");
    expect(quantityHint(rule, 3)).toBe("Only 3 in stock");
  });

  it("fits a wanted quantity and says which limit stopped it", () => {
    expect(fitQuantity(rule, { name: "Tea", wanted: 4, stock: 120, otherItems: 0 })).toEqual({
      quantity: 4,
      message: null,
    });
    expect(fitQuantity(rule, { name: "Tea", wanted: 25, stock: 120, otherItems: 0 })).toEqual({
      quantity: 10,
      message: "You can buy at most 10 of Tea in one order: your cart has 10.",
    });
    expect(fitQuantity(rule, { name: "Honey", wanted: 5, stock: 3, otherItems: 0 })).toEqual({
      quantity: 3,
      message: "Only 3 of Honey in stock: your cart has 3.",
    });
    expect(fitQuantity(rule, { name: "Tea", wanted: 8, otherItems: 25 })).toEqual({
      quantity: 5,
      message: "One order can hold at most 30 items: your cart has 5 of Tea.",
    });
    expect(fitQuantity(rule, { name: "Tea", wanted: 0, otherItems: 40 }).quantity).toBe(0);
  });

  it("names what checkout would refuse, and nothing a fitted cart holds", () => {
    expect(quantityProblem(rule, [{ name: "Tea", quantity: 11 }])).toBe(
      "You can buy at most 10 of Tea in one order.",
    );
    const full = [1, 2, 3, 4].map((n) => ({ name: `P${n}`, quantity: 8 }));
    expect(quantityProblem(rule, full)).toBe("One order can hold at most 30 items.");
    expect(quantityProblem(rule, full.slice(0, 3))).toBeNull();
  });
});
