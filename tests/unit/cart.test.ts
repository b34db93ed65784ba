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
  slug: id,
  name: `Product ${id}`,
  priceKes,
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
    ["an object", '{"p":"abcdefgh1","q":1}'],
    ["a string", '"hello"'],
    ["null", "null"],
  ])("drops %s", (_, raw) => {
    expect(parseCartCookie(raw)).toEqual([]);
  });

  it("drops bad entries and repairs quantities", () => {
    const raw = JSON.stringify([
      { p: "abcdefgh1", q: 3 },
      { p: "abcdefgh1", q: 2 },
      { p: "abcdefgh2", q: -4 },
      { p: "abcdefgh3", q: 1e9 },
      { p: "BAD ID!", q: 1 },
      { p: "abcdefgh4", q: 1.5 },
      { p: 12, q: 1 },
    ]);
    expect(parseCartCookie(raw)).toEqual([
      { productId: "abcdefgh1", quantity: 5 },
      { productId: "abcdefgh3", quantity: MAX_QUANTITY },
    ]);
  });

  it("sets, removes and counts lines", () => {
    let lines = setLine([], "abcdefgh1", 4);
    lines = setLine(lines, "abcdefgh2", 1);
    expect(itemCount(lines)).toBe(5);
    lines = setLine(lines, "abcdefgh1", 0);
    expect(lines).toEqual([{ productId: "abcdefgh2", quantity: 1 }]);
  });
});

describe("pricing a cart", () => {
  it("uses database prices and sums in whole shillings", () => {
    const cart = priceCart(
      [
        { productId: "a", quantity: 2 },
        { productId: "b", quantity: 1 },
      ],
      [product("a", 1450, 10), product("b", 380, 10)],
    );
    expect(cart.subtotalKes).toBe(3280);
    expect(cart.itemCount).toBe(3);
    expect(cart.notices).toEqual([]);
  });

  it("clamps to stock and says so", () => {
    const cart = priceCart([{ productId: "a", quantity: 5 }], [product("a", 950, 3)]);
    expect(cart.lines[0]?.quantity).toBe(3);
    expect(cart.subtotalKes).toBe(2850);
    expect(cart.notices).toEqual(["Only 3 of Product a left in stock: your quantity was changed to 3."]);
    expect(cart.repaired).toEqual([{ productId: "a", quantity: 3 }]);
  });

  it("removes sold-out, archived and unknown products", () => {
    const cart = priceCart(
      [
        { productId: "a", quantity: 1 },
        { productId: "b", quantity: 1 },
        { productId: "zz", quantity: 1 },
      ],
      [product("a", 100, 0), product("b", 100, 5, false)],
    );
    expect(cart.lines).toEqual([]);
    expect(cart.notices).toHaveLength(3);
    expect(cart.notices[0]).toMatch(/sold out/);
  });
});
