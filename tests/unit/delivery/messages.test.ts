import { describe, expect, it } from "vitest";
import { orderConfirmation, sellerNewOrder } from "@/lib/notifications/messages";

const shop = { shopName: "Duka", publicUrl: "https://duka.example.co.ke" };
const order = {
  reference: "DK-7Q4M2X",
  publicId: "Zm9vYmFyYmF6cXV4MTIzNA",
  totalKes: 960,
  mpesaReceipt: "TGR7ABC123",
  customerName: "Wanjiru Kamau",
  delivery: "Delivery: Nairobi CBD (KES 200) to Sarit Centre, Westlands, Nairobi; Same day.",
};

describe("messages about an order with delivery", () => {
  it("tell the shopper and the seller by email how the order gets there; the SMS stays one segment", () => {
    const shopper = orderConfirmation(shop, order);
    expect(shopper.text).toContain(order.delivery);
    expect(shopper.html).toContain("Sarit Centre, Westlands");
    expect(shopper.sms.length).toBeLessThanOrEqual(160);
    expect(sellerNewOrder(shop, order).text).toContain(order.delivery);
  });

  it("say nothing about delivery for an older order without one", () => {
    expect(orderConfirmation(shop, { ...order, delivery: undefined }).text).not.toContain("Delivery");
  });
});
