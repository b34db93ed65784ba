import { describe, expect, it } from "vitest";
import { productInput } from "@/lib/dashboard/product-input";
import { deliveryForm } from "@/lib/delivery/checkout-form";
import { zoneInput } from "@/lib/delivery/settings-input";
import { checkoutForm } from "@/lib/orders/checkout-form";
import { paragraphs, singleLine } from "@/lib/plain-text";

// What a prober typed to put a line of their own into the seller's SMS and email.
const spoof = "Jo\r\nURGENT call 0700 000 000\u2028to\u0085confirm\u0000 \t pay\u200B";

describe("free text at the form boundary", () => {
  it("a checkout name is one line: control characters and breaks become single spaces", () => {
    const parsed = checkoutForm.parse({
      customerName: spoof,
      phone: "0712345678",
      email: "",
      checkoutKey: "a".repeat(20),
    });
    expect(parsed.customerName).toBe("Jo URGENT call 0700 000 000 to confirm pay");
  });

  it("town and landmark are one line each", () => {
    const parsed = deliveryForm.parse({
      delivery: "z1@200",
      county: "Nairobi",
      town: "Kilimani\nCALL 0700",
      landmark: "Opposite\r\n\r\nthe\u000bmosque\u2029gate",
    });
    expect(parsed.delivery).toMatchObject({
      town: "Kilimani CALL 0700",
      landmark: "Opposite the mosque gate",
    });
  });

  it("a name of only control characters is refused like an empty one", () => {
    const result = checkoutForm.safeParse({
      customerName: "\n\r\t\u0000\u200B",
      phone: "0712345678",
      email: "",
      checkoutKey: "a".repeat(20),
    });
    expect(result.success).toBe(false);
  });

  it("seller-typed names are one line; a description keeps its paragraphs only", () => {
    const product = productInput.parse({
      name: "Kikoy\nblue",
      slug: "kikoy-blue",
      description: "Soft cotton.\r\n\r\n\r\nHand\u0007woven\u2028in Mombasa.",
      priceKes: "100",
      stock: "1",
      categoryId: "c1",
    });
    expect(product).toMatchObject({
      name: "Kikoy blue",
      description: "Soft cotton.\n\nHand woven\nin Mombasa.",
    });
    expect(
      zoneInput.parse({
        name: "Nairobi\nCBD",
        feeKes: "100",
        etaText: "Same\nday",
        counties: [],
        active: true,
        payOnDelivery: false,
        payOnDeliveryMaxKes: "",
      }),
    ).toMatchObject({ name: "Nairobi CBD", etaText: "Same day" });
  });

  it("normalises once: a clean value passes through unchanged", () => {
    expect(singleLine("Wanjiru Njeri")).toBe("Wanjiru Njeri");
    expect(singleLine(singleLine(spoof))).toBe(singleLine(spoof));
    expect(paragraphs("One.\n\nTwo.")).toBe("One.\n\nTwo.");
  });
});
