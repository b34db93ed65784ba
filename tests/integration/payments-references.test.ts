/** Order references are short enough to read out over the phone, so a new one can repeat an old one. */
import "./support/embedded-db-pool";
import { describe, expect, it, vi } from "vitest";
import { checkoutOk, createProduct, freshPhone, withPaymentsHarness } from "./support/payments-harness";

const drawn = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock("@/lib/payments/shared/identifiers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/payments/shared/identifiers")>();
  return { ...real, newOrderReference: () => drawn.queue.shift() ?? real.newOrderReference() };
});

const harness = withPaymentsHarness();

describe("order references", () => {
  it("draws again when the reference is already taken, and the checkout goes through", async () => {
    const product = await createProduct({ stock: 5, priceKes: 910 });
    drawn.queue.push("DK-TAKEN2");
    const first = await checkoutOk(harness, product.id, freshPhone());
    expect(first.order.reference).toBe("DK-TAKEN2");

    drawn.queue.push("DK-TAKEN2", "DK-TAKEN2", "DK-FRESH3");
    const second = await checkoutOk(harness, product.id, freshPhone());
    expect(second.order.reference).toBe("DK-FRESH3");
    expect(second.order.status).toBe("PENDING");
  });
});
