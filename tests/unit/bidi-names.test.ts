import { describe, expect, it } from "vitest";
import { productInput } from "@/lib/dashboard/product-input";
import { checkoutForm } from "@/lib/orders/checkout-form";

const spoofed = "Wanjiru \u202Ekcab\u202C \u2066Njeri\u2069 \u202A\u202B\u202D";

describe("names at the form boundary", () => {
  it("lose bidirectional control characters in the checkout form", () => {
    const parsed = checkoutForm.parse({
      customerName: spoofed,
      phone: "0712345678",
      email: "",
      checkoutKey: "a".repeat(20),
    });
    expect(parsed.customerName).toBe("Wanjiru kcab Njeri");
  });

  it("lose them in the product form, and a name of only such characters is refused", () => {
    const base = {
      slug: "kikoy-blue",
      description: "A long enough description",
      priceKes: "100",
      stock: "1",
      categoryId: "c1",
    };
    expect(productInput.parse({ ...base, name: "Kikoy \u202Eeulb\u202C" }).name).toBe("Kikoy eulb");
    const empty = productInput.safeParse({ ...base, name: "\u202E\u2066\u2069\u202C" });
    expect(empty.success).toBe(false);
  });
});
