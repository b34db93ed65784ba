import { describe, expect, it } from "vitest";
import { judgeRecipient } from "@/lib/notifications/channels/africastalking";
import { maskRecipient } from "@/lib/notifications/mask";
import {
  orderConfirmation,
  sellerAttention,
  sellerNewOrder,
  stockSummary,
} from "@/lib/notifications/messages";
import { alertSettingsSchema } from "@/lib/notifications/settings-input";
import { toGsm7 } from "@/lib/notifications/sms-text";

const order = {
  reference: "DK-7Q4M2X",
  publicId: "Zm9vYmFyYmF6cXV4MTIzNA",
  totalKes: 12450,
  mpesaReceipt: "TGR7ABC123",
  customerName: "Wanjiru Kamau",
};
const shop = { shopName: "Duka", publicUrl: "https://duka.example.co.ke" };

describe("order confirmation", () => {
  it("fits one SMS segment and carries shop, reference, amount, receipt and order link", () => {
    const { sms } = orderConfirmation(shop, order);
    expect(sms.length).toBeLessThanOrEqual(160);
    for (const part of [
      "Duka",
      "DK-7Q4M2X",
      "KES 12,450",
      "TGR7ABC123",
      `${shop.publicUrl}/orders/${order.publicId}`,
    ])
      expect(sms).toContain(part);
  });

  it("still fits one GSM-7 segment with a long shop name, curly quotes and an emoji", () => {
    const long = {
      shopName: "Mama Njeri’s “Best” Kitenge & Fabric House 🌟",
      publicUrl: "https://mama-njeri-kitenge.vercel.app",
    };
    const { sms } = orderConfirmation(long, order);
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(toGsm7(sms)).toBe(sms);
    expect(sms).toContain(`${long.publicUrl}/orders/${order.publicId}`);
    expect(sms).toContain("TGR7ABC123");
  });

  it("is a proper email: HTML with the link, escaped names, and a plain-text part", () => {
    const mail = orderConfirmation(shop, { ...order, customerName: "<b>Eve</b>" });
    expect(mail.html).toContain(`href="${shop.publicUrl}/orders/${order.publicId}"`);
    expect(mail.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
    expect(mail.text).toContain("M-Pesa receipt: TGR7ABC123");
    expect(mail.subject).toContain("DK-7Q4M2X");
  });

  it("says the receipt is to follow when the payment was confirmed by query only", () => {
    expect(orderConfirmation(shop, { ...order, mpesaReceipt: null }).sms).toContain("receipt to follow");
  });
});

describe("seller alerts", () => {
  it("announce a new paid order in one segment, with a link to it", () => {
    const { sms } = sellerNewOrder(shop, order);
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(sms).toContain("new paid order DK-7Q4M2X");
  });

  it("say what to do when an order needs attention", () => {
    const reason =
      "A second payment (TGR7ABC999, attempt abc) arrived for an order already paid: refund one.";
    const alert = sellerAttention(shop, order, reason);
    expect(alert.text).toContain(reason);
    expect(alert.sms.length).toBeLessThanOrEqual(160);
    expect(alert.sms).toMatch(/refund/i);
  });
});

describe("Africa's Talking recipient status", () => {
  it.each([
    [101, true, undefined],
    [102, true, undefined],
    [405, false, true],
    [500, false, true],
    [403, false, false],
    [406, false, false],
  ])("%i: sent %s, retry %s", (code, ok, retry) => {
    const result = judgeRecipient(code, "Status");
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.retry).toBe(retry);
  });
});

describe("morning stock summary", () => {
  const item = (name: string, stock: number) => ({ name, stock });

  it("lists each variant with what is left, and links the products page when it fits one SMS", () => {
    const r = stockSummary(shop, [item("Ankara dress, Red / L", 0), item("Ankara dress, Red / M", 1)]);
    expect(r.sms).toBe(
      "Duka stock: Ankara dress, Red / L: sold out; Ankara dress, Red / M: 1 left. https://duka.example.co.ke/dashboard/products",
    );
    expect(r.subject).toBe("Stock this morning: 1 low, 1 sold out · Duka");
    expect(r.text).toContain("Ankara dress, Red / L: sold out\nAnkara dress, Red / M: 1 left\n");
  });

  it("keeps the SMS to one segment with as many as fit and counts the rest; the email lists them all", () => {
    const items = Array.from({ length: 30 }, (_, i) => item(`Canvas Sneakers, ${36 + i}`, i % 3));
    const r = stockSummary(shop, items);
    expect(r.sms.length).toBeLessThanOrEqual(160);
    const shown = r.sms.split("; ").length - 1;
    expect(shown).toBeGreaterThan(2);
    expect(r.sms).toContain(`; +${30 - shown} more.`);
    expect(r.subject).toBe("Stock this morning: 20 low, 10 sold out · Duka");
    for (const i of items)
      expect(r.text).toContain(`${i.name}: ${i.stock === 0 ? "sold out" : `${i.stock} left`}`);
  });
});

describe("alert settings form", () => {
  it("normalizes numbers and emails, and reads the channel switches, the low-stock number and the summary", () => {
    const parsed = alertSettingsSchema.parse({
      alertPhones: "0712345678, +254112345678\n0712345678",
      alertEmails: "Owner@Shop.co.ke",
      smsEnabled: "on",
      lowStockThreshold: "4",
      dailyStockSummary: "on",
    });
    expect(parsed).toEqual({
      alertPhones: ["+254712345678", "+254112345678"],
      alertEmails: ["owner@shop.co.ke"],
      smsEnabled: true,
      emailEnabled: false,
      lowStockThreshold: 4,
      dailyStockSummary: true,
    });
  });

  const phonesTyped = (alertPhones: string) =>
    alertSettingsSchema.safeParse({ alertPhones, alertEmails: "", lowStockThreshold: "3" });

  it.each([
    ["0712 345 678, +254712345678", ["+254712345678"]],
    ["0712 345 678; 0112 345 678", ["+254712345678", "+254112345678"]],
    ["+254 712 345 678\n0722 345 678", ["+254712345678", "+254722345678"]],
    ["0712345678 0722345678", ["+254712345678", "+254722345678"]],
    ["0712 345 678 0722 345 678", ["+254712345678", "+254722345678"]],
  ])("reads the numbers in %j as checkout writes them, in lists", (typed, numbers) => {
    expect(phonesTyped(typed).data?.alertPhones).toEqual(numbers);
  });

  it.each([
    ["0712 345 67, 0722345678", "0712 345 67"],
    ["12345 0712345678", "12345"],
    ["0712345678; 0712 345 678 99", "99"],
  ])("names the bad entry in %j as typed", (typed, bad) => {
    expect(phonesTyped(typed).error?.issues.map((i) => i.message)).toEqual([
      `Not a Kenyan mobile number: ${bad} (use 07XXXXXXXX or +2547XXXXXXXX)`,
    ]);
  });

  it.each(["", "two", "2.5", "-1", "10001"])("refuses %j as the low-stock number", (typed) => {
    const result = alertSettingsSchema.safeParse({
      alertPhones: "",
      alertEmails: "",
      lowStockThreshold: typed,
    });
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["lowStockThreshold"]);
  });

  it("names each bad entry in its field's error", () => {
    const result = alertSettingsSchema.safeParse({
      alertPhones: "0712345678 12345",
      alertEmails: "nope@",
      lowStockThreshold: "3",
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(issues).toEqual([
      expect.stringMatching(/^alertPhones: .*12345/),
      expect.stringMatching(/^alertEmails: .*nope@/),
    ]);
  });
});

it("masks recipients for screens and logs", () => {
  expect(maskRecipient("+254712345678")).toBe("+2547******678");
  expect(maskRecipient("owner@shop.co.ke")).toBe("o***@shop.co.ke");
});
