import { describe, expect, it } from "vitest";
import {
  MAX_QUANTITY,
  addLine,
  itemCount,
  parseCartCookie,
  serializeCart,
  setLine,
} from "@/lib/cart/cart-lines";
import { priceCart } from "@/lib/cart/price-cart";

const product = (id: string, priceKes: number, stock: number, active = true) => ({
  id,
  productId: `p${id}`,
  categoryId: "c",
  slug: id,
  name: `Product ${id}`,
  productName: `Product ${id}`,
  title: "",
  optionValues: [],
  sku: null,
  priceKes,
  compareAtKes: null,
  stock,
  imageUrl: "/x.svg",
  active,
});

describe("cart cookie", () => {
  it("round-trips lines", () => {
    const lines = addLine(addLine([], "abcdefgh1", 2), "abcdefgh2", 1);
    expect(parseCartCookie(serializeCart(lines))).toEqual(lines);
  });

  it.each([
    ["bad JSON", "{nope"],
    ["an object", '{"v":"abcdefgh1","q":1}'],
    ["a string", '"hello"'],
    ["null", "null"],
  ])("drops %s", (_, raw) => {
    expect(parseCartCookie(raw)).toEqual([]);
  });

  it("drops bad entries and repairs quantities", () => {
    const raw = JSON.stringify([
      { v: "abcdefgh1", q: 3 },
      { v: "abcdefgh1", q: 2 },
      { v: "abcdefgh2", q: -4 },
      { v: "abcdefgh3", q: 1e9 },
      { v: "BAD ID!", q: 1 },
      { v: "abcdefgh4", q: 1.5 },
      { v: 12, q: 1 },
    ]);
    expect(parseCartCookie(raw)).toEqual([
      { variantId: "abcdefgh1", quantity: 5 },
      { variantId: "abcdefgh3", quantity: MAX_QUANTITY },
    ]);
  });

  it("reads a cart saved before variants as the products' default variants", () => {
    const raw = JSON.stringify([
      { p: "abcdefgh1", q: 2 },
      { v: "vabcdefgh1", q: 1 },
    ]);
    expect(parseCartCookie(raw)).toEqual([{ variantId: "vabcdefgh1", quantity: 3 }]);
  });

  it("sets, removes and counts lines", () => {
    let lines = setLine([], "abcdefgh1", 4);
    lines = setLine(lines, "abcdefgh2", 1);
    expect(itemCount(lines)).toBe(5);
    lines = setLine(lines, "abcdefgh1", 0);
    expect(lines).toEqual([{ variantId: "abcdefgh2", quantity: 1 }]);
  });
});

describe("pricing a cart", () => {
  it("uses database prices and sums in whole shillings", () => {
    const cart = priceCart(
      [
        { variantId: "a", quantity: 2 },
        { variantId: "b", quantity: 1 },
      ],
      [product("a", 1450, 10), product("b", 380, 10)],
    );
    expect(cart.subtotalKes).toBe(3280);
    expect(cart.itemCount).toBe(3);
    expect(cart.notices).toEqual([]);
  });

  it("clamps to stock and says so", () => {
    const cart = priceCart([{ variantId: "a", quantity: 5 }], [product("a", 950, 3)]);
    expect(cart.lines[0]?.quantity).toBe(3);
    expect(cart.subtotalKes).toBe(2850);
    expect(cart.notices).toEqual(["Only 3 of Product a left in stock: your quantity was changed to 3."]);
    expect(cart.repaired).toEqual([{ variantId: "a", quantity: 3 }]);
  });

  it("removes sold-out, archived and unknown products", () => {
    const cart = priceCart(
      [
        { variantId: "a", quantity: 1 },
        { variantId: "b", quantity: 1 },
        { variantId: "zz", quantity: 1 },
      ],
      [product("a", 100, 0), product("b", 100, 5, false)],
    );
    expect(cart.lines).toEqual([]);
    expect(cart.notices).toHaveLength(3);
    expect(cart.notices[0]).toMatch(/sold out/);
  });
});
