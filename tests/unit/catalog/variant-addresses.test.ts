/** Each variant's own address (/products/<slug>/<key>), and the links shared before it had one. */
import { describe, expect, it } from "vitest";
import { variantNamedByQuery } from "@/lib/catalog/old-variant-links";
import { defaultVariant, variantByKey, variantKeys, variantPath } from "@/lib/catalog/variants";

const v = (id: string, optionValues: string[], stock = 1) => ({ id, optionValues, stock });

describe("variant addresses", () => {
  it("names a variant by its option values as words", () => {
    const variants = [v("a1", ["Red", "M"]), v("a2", ["Dark Blue", "XL"]), v("a3", ["Café", "10.5"])];
    expect([...variantKeys(variants).values()]).toEqual(["red-m", "dark-blue-xl", "cafe-10-5"]);
    expect(variantPath("ankara", variants[0]!, variantKeys(variants))).toBe("/products/ankara/red-m");
  });

  it("falls back to the id where the words are empty or would name two variants", () => {
    const variants = [v("s1", ["S/M"]), v("s2", ["S M"]), v("k1", ["红色"]), v("l1", ["L"])];
    expect(Object.fromEntries(variantKeys(variants))).toEqual({ s1: "s1", s2: "s2", k1: "k1", l1: "l" });
  });

  it("finds a variant by its key or its id, and none for anything else", () => {
    const variants = [v("a1", ["Red", "M"]), v("a2", ["Red", "L"])];
    expect(variantByKey(variants, "red-l")?.id).toBe("a2");
    expect(variantByKey(variants, "a1")?.id).toBe("a1");
    expect(variantByKey(variants, "purple-xxl")).toBeUndefined();
  });

  it("gives a product without options its own page, and shows the first variant in stock by default", () => {
    expect(variantPath("kikoy", v("k", []), new Map())).toBe("/products/kikoy");
    expect(defaultVariant([v("a", ["S"], 0), v("b", ["M"], 3)])?.id).toBe("b");
    expect(defaultVariant([v("a", ["S"], 0)])?.id).toBe("a");
  });
});

describe("links shared before variants had their own address", () => {
  const options = [
    { name: "Colour", values: ["Blue", "Red"] },
    { name: "Size", values: ["S", "M"] },
  ];
  const variants = [
    v("bs", ["Blue", "S"]),
    v("bm", ["Blue", "M"]),
    v("rs", ["Red", "S"], 0),
    v("rm", ["Red", "M"]),
  ];
  const named = (query: string) => variantNamedByQuery(options, variants, new URLSearchParams(query))?.id;

  it("open the variant their values name, in any case", () => {
    expect(named("colour=red&size=m")).toBe("rm");
    expect(named("size=M&colour=Blue")).toBe("bm");
  });

  it("fill a value left out with the first in stock, and name nothing without a value of the product", () => {
    expect(named("colour=red")).toBe("rm");
    expect(named("colour=purple")).toBeUndefined();
    expect(named("utm_source=whatsapp")).toBeUndefined();
  });
});
