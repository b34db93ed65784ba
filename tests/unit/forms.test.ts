import { describe, expect, it } from "vitest";
import { inputRules, refused, submittedValues } from "@/lib/action-result";
import { productInput, slugify } from "@/lib/dashboard/product-input";
import { doorPromptInput } from "@/lib/dashboard/door-input";
import { newStaffInput } from "@/lib/dashboard/staff-input";
import { parseOptions, parseVariantRows, variantRow } from "@/lib/dashboard/variant-input";
import { deliverySettingsInput, zoneInput } from "@/lib/delivery/settings-input";
import { codeInput } from "@/lib/discounts/code-input";
import { parseShillings } from "@/lib/form-fields";
import { checkoutForm } from "@/lib/orders/checkout-form";
import { trackCodeInput, trackLookupInput } from "@/lib/orders/track-input";
import { linkFormInput, linkLineInput, parseLinkForm } from "@/lib/payment-links/input";

describe("price parsing", () => {
  it.each([
    ["1200", 1200],
    ["1,200", 1200],
    ["KES 1,200", 1200],
    ["kes1200", 1200],
    ["Ksh 250,000", 250_000],
    ["Ksh. 1,500", 1500],
    ["KShs 1,500", 1500],
    ["Kshs.1,500", 1500],
    ["ksh.1500", 1500],
    [" 1,200.00 ", 1200],
  ])("reads %j as %i shillings", (text, kes) => expect(parseShillings(text)).toBe(kes));

  it.each(["12.50", "1,20", "12,00,000", "abc", "", "KES", "-5", "1 200"])("refuses %j", (text) =>
    expect(parseShillings(text)).toBeNull(),
  );

  // Every shilling box in the dashboard, read by the one rule: what each returns for what was typed.
  const line = { name: "Gift wrapping", qty: "1" };
  const zone = {
    name: "Coast",
    feeKes: "400",
    etaText: "2 days",
    counties: [],
    active: true,
    sortOrder: "0",
  };
  const settings = { pickupEnabled: false, pickupAddress: "", pickupHours: "", payOnPickup: false };
  const code = { code: "TEN", kind: "FIXED", startsAt: "", endsAt: "", maxUses: "", maxUsesPerPhone: "" };
  const codeRest = { productIds: [], categoryIds: [], active: true };
  const boxes: [string, (typed: string) => { success: boolean; data?: unknown }][] = [
    ["link line price", (p) => linkLineInput.safeParse({ ...line, price: p })],
    ["link fee", (f) => linkFormInput.shape.feeKes.safeParse(f)],
    ["zone fee", (f) => zoneInput.safeParse({ ...zone, feeKes: f, payOnDelivery: false })],
    [
      "pay-on-delivery limit",
      (m) => zoneInput.safeParse({ ...zone, payOnDelivery: true, payOnDeliveryMaxKes: m }),
    ],
    [
      "free-delivery threshold",
      (t) =>
        deliverySettingsInput.safeParse({ ...settings, freeDeliveryThresholdKes: t, payOnDeliveryNote: "" }),
    ],
    ["discount amount", (v) => codeInput.safeParse({ ...code, ...codeRest, value: v, minOrderKes: "" })],
    [
      "discount minimum order",
      (m) => codeInput.safeParse({ ...code, ...codeRest, value: "100", minOrderKes: m }),
    ],
    [
      "variant price",
      (p) => variantRow.safeParse({ priceKes: p, compareAtKes: "", stock: "1", sku: "", onSale: "" }),
    ],
    [
      "variant old price",
      (p) => variantRow.safeParse({ priceKes: "", compareAtKes: p, stock: "1", sku: "", onSale: "" }),
    ],
  ];
  it.each(boxes)("the %s box takes 1,500 as the product form does", (_, parse) => {
    const read = ["1500", "1,500", "KES 1,500", "Ksh 1,500.00"].map((typed) => parse(typed));
    for (const r of read) expect(r.success).toBe(true);
    expect(new Set(read.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(JSON.stringify(read[0]!.data)).toContain("1500");
    expect(parse("1,50").success).toBe(false);
    expect(parse("15.50").success).toBe(false);
  });

  it("is what the product form accepts, in its range only", () => {
    const base = { name: "Kikoy", slug: "", description: "A soft cotton kikoy", stock: "1", categoryId: "c" };
    expect(productInput.parse({ ...base, priceKes: "KES 1,200" }).priceKes).toBe(1200);
    expect(productInput.safeParse({ ...base, priceKes: "KES 250,001" }).success).toBe(false);
    expect(productInput.safeParse({ ...base, priceKes: "0" }).success).toBe(false);
  });
});

describe("product options", () => {
  it("lists each value once, whatever its case or spacing, spelled as first typed", () => {
    expect(
      parseOptions({
        option0Name: "Size",
        option0Values: "Small, Medium,  LARGE, small, large ,Extra  large",
      }),
    ).toEqual({ ok: true, options: [{ name: "Size", values: ["Small", "Medium", "LARGE", "Extra large"] }] });
  });

  it("refuses a variant's old price that is not above its price, as the product form does", () => {
    const row = (priceKes: string, compareAtKes: string) => ({
      "v1.priceKes": priceKes,
      "v1.compareAtKes": compareAtKes,
      "v1.stock": "3",
      "v1.onSale": "on",
    });
    // Its own price empty: the product's KES 1,500 is the price the old one must beat.
    expect(parseVariantRows(row("", "100"), ["v1"], 1500)).toEqual({
      ok: false,
      fieldErrors: {
        "v1.compareAtKes": ["The old price must be above the price (KES 1,500), or left empty"],
      },
    });
    expect(parseVariantRows(row("900", "900"), ["v1"], 1500)).toMatchObject({ ok: false });
    expect(parseVariantRows(row("900", "1,200"), ["v1"], 1500)).toMatchObject({ ok: true });
    expect(parseVariantRows(row("", "2000"), ["v1"], 1500)).toMatchObject({ ok: true });
    expect(parseVariantRows(row("", ""), ["v1"], 1500)).toMatchObject({ ok: true });
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
    expect(checkout.phone.maxLength).toBe(20);
    expect(inputRules(trackLookupInput)).toEqual({ reference: { maxLength: 12 }, phone: { maxLength: 20 } });
    expect(inputRules(trackCodeInput).code.maxLength).toBe(6);
    expect(inputRules(linkLineInput)).toEqual({
      name: { maxLength: 80 },
      price: { maxLength: 20 },
      qty: { maxLength: 2 },
    });
    expect(inputRules(linkFormInput).feeKes.maxLength).toBe(20);
    expect(inputRules(zoneInput).payOnDeliveryMaxKes.maxLength).toBe(20);
    expect(inputRules(doorPromptInput).phone.maxLength).toBe(20);
  });

  it("says what is wrong with an optional amount, and takes an empty one as none", () => {
    const zone = { name: "Coast", feeKes: "400", etaText: "2 days", counties: [], active: true };
    const rest = { sortOrder: "0", payOnDelivery: true };
    const podMax = (typed: string) => zoneInput.safeParse({ ...zone, ...rest, payOnDeliveryMaxKes: typed });
    expect(podMax("  ").data?.payOnDeliveryMaxKes).toBeNull();
    expect(podMax("abc").error?.issues.map((i) => i.message)).toEqual([
      "Enter the maximum in whole shillings, e.g. 1,500.",
    ]);
    expect(podMax("KES 250,001").error?.issues.map((i) => i.message)).toEqual([
      "The maximum can be at most KES 250,000.",
    ]);
    expect(podMax("0").error?.issues.map((i) => i.message)).toEqual(["The maximum must be at least KES 1."]);
    expect(doorPromptInput.parse({ phone: "" }).phone).toBeNull();
    expect(doorPromptInput.parse({ phone: "0712 345 678" }).phone).toBe("254712345678");
  });

  it("puts a payment link's line errors on that line's boxes, every bad line at once", () => {
    const header = { customerName: "Wanjiru", phone: "0711000601", delivery: "pickup", feeKes: "" };
    const form = { ...header, expiresInHours: "48", sendSms: false };
    const lines = {
      variantId: ["v1", "", ""],
      name: ["", "G", ""],
      price: ["", "1,50", ""],
      qty: ["0", "1", "1"],
    };
    expect(parseLinkForm({ ...form, ...lines })).toEqual({
      ok: false,
      fieldErrors: {
        "qty-0": ["Enter a quantity from 1 to 99."],
        "name-1": ["Name the item."],
        "price-1": ["Enter the price in whole shillings, e.g. 1,500."],
      },
    });
    const empty = { variantId: [""], name: [""], price: [""], qty: ["1"] };
    expect(parseLinkForm({ ...form, ...empty })).toMatchObject({
      ok: false,
      fieldErrors: { "variantId-0": ["Add an item: choose one, or type a name and price."] },
    });
    const fine = { variantId: ["v1", ""], name: ["", "Gift wrapping"], price: ["", "150"], qty: ["2", "1"] };
    expect(parseLinkForm({ ...form, ...fine })).toMatchObject({
      ok: true,
      data: {
        phone: "254711000601",
        feeKes: null,
        lines: [
          { kind: "product", variantId: "v1", quantity: 2 },
          { kind: "custom", name: "Gift wrapping", unitPriceKes: 150, quantity: 1 },
        ],
      },
    });
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

describe("seller-facing formats", () => {
  it("shows phone numbers as people write them and chart days as '5 Dec'", async () => {
    const { formatPhoneLocal } = await import("@/lib/format");
    const { dayLabel } = await import("@/components/dashboard/revenue-chart");
    expect(formatPhoneLocal("254712345678")).toBe("0712 345 678");
    expect(formatPhoneLocal("+254110000101")).toBe("0110 000 101");
    expect(formatPhoneLocal("2547123")).toBe("2547123");
    expect(dayLabel("2026-12-05")).toBe("5 Dec");
    expect(dayLabel("2026-01-31")).toBe("31 Jan");
  });
});

describe("the network hint at checkout", () => {
  it.each(["0733 123 456", "+254 755 000 111", "0780123456", "0101 234 567"])(
    "hints Airtel for %s",
    async (n) => {
      const { networkHint } = await import("@/lib/phone-network");
      expect(networkHint(n)).toMatch(
        /^This looks like an Airtel number\. M-Pesa prompts reach Safaricom lines/,
      );
    },
  );
  it("hints Telkom for 077x", async () => {
    const { networkHint } = await import("@/lib/phone-network");
    expect(networkHint("0772 000 111")).toMatch(/^This looks like a Telkom number/);
  });
  it.each(["0712 345 678", "254110000101", "0799000000", "0745123456", "07331", ""])(
    "says nothing for %j",
    async (n) => {
      const { networkHint } = await import("@/lib/phone-network");
      expect(networkHint(n)).toBeNull();
    },
  );
});
