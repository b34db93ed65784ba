import { describe, expect, it } from "vitest";
import { inputRules, refused, submittedValues } from "@/lib/action-result";
import { parsePriceKes, productInput, slugify } from "@/lib/dashboard/product-input";
import { newStaffInput } from "@/lib/dashboard/staff-input";
import { checkoutForm } from "@/lib/orders/checkout-form";

describe("price parsing", () => {
  it.each([
    ["1200", 1200],
    ["1,200", 1200],
    ["KES 1,200", 1200],
    ["kes1200", 1200],
    ["Ksh 250,000", 250_000],
    [" 1,200.00 ", 1200],
  ])("reads %j as %i shillings", (text, kes) => expect(parsePriceKes(text)).toBe(kes));

  it.each(["12.50", "1,20", "12,00,000", "abc", "", "KES", "-5", "1 200"])("refuses %j", (text) =>
    expect(parsePriceKes(text)).toBeNull(),
  );

  it("is what the product form accepts, in its range only", () => {
    const base = { name: "Kikoy", slug: "", description: "A soft cotton kikoy", stock: "1", categoryId: "c" };
    expect(productInput.parse({ ...base, priceKes: "KES 1,200" }).priceKes).toBe(1200);
    expect(productInput.safeParse({ ...base, priceKes: "KES 250,001" }).success).toBe(false);
    expect(productInput.safeParse({ ...base, priceKes: "0" }).success).toBe(false);
  });
});

describe("slug from the name", () => {
  it.each([
    ["Kenya AA Coffee, 500g!", "kenya-aa-coffee-500g"],
    ["Café Crème", "cafe-creme"],
    ["  --Kikoy  (blue)-- ", "kikoy-blue"],
    ["☕☕", ""],
  ])("%j -> %j", (name, slug) => expect(slugify(name)).toBe(slug));

  it("never ends in a dash when cut to 80 characters", () => {
    const slug = slugify(`${"a".repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
  });

  it("may be left empty in the form (the server makes it), but not malformed", () => {
    const base = {
      name: "Kikoy",
      description: "A soft cotton kikoy",
      priceKes: "100",
      stock: "1",
      categoryId: "c",
    };
    expect(productInput.parse({ ...base, slug: "" }).slug).toBe("");
    expect(productInput.safeParse({ ...base, slug: "two--dashes" }).success).toBe(false);
  });
});

describe("the form pattern", () => {
  it("gives each input the server's length limit and keyboard", () => {
    const product = inputRules(productInput);
    expect(product.name).toEqual({ maxLength: 120 });
    expect(product.description).toEqual({ maxLength: 2000 });
    expect(product.stock).toEqual({ inputMode: "numeric", maxLength: 6 });
    expect(product.priceKes.maxLength).toBe(20);
    const checkout = inputRules(checkoutForm);
    expect(checkout.customerName.maxLength).toBe(80);
    expect(checkout.email).toEqual({ inputMode: "email", maxLength: 254 });
    expect(inputRules(newStaffInput).email.maxLength).toBe(254);
  });

  it("sends back what was typed, never files or secrets", () => {
    const data = new FormData();
    data.set("name", "Kikoy");
    data.set("password", "secret-123456");
    data.set("image", new Blob(["x"]), "x.png");
    const values = submittedValues(data, { omit: ["password"] });
    expect(values).toEqual({ name: "Kikoy" });
    expect(refused("Check the fields.", { name: ["Too short"] }, values)).toEqual({
      ok: false,
      message: "Check the fields.",
      fieldErrors: { name: ["Too short"] },
      values: { name: "Kikoy" },
    });
  });
});
