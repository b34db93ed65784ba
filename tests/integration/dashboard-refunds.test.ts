/** Refunds in the seller's figures (issue 25): revenue net of what went back, and refund columns in the CSV. */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { getKpis, getRevenueByDay } from "@/lib/dashboard/summary";
import { resetShop } from "./support/database";

const session = vi.hoisted(() => ({
  user: { id: "u", email: "o@d.test", name: "O", role: "OWNER" as const },
}));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
const { GET: exportCsv } = await import("@/app/api/dashboard/orders/export/route");

// 13:00 EAT on 25 Nov 2026.
const NOW = new Date("2026-11-25T10:00:00Z");
const TODAY = new Date("2026-11-25T06:00:00Z"); // 09:00 EAT
const YESTERDAY = new Date("2026-11-24T09:00:00Z");
let n = 0;

/** A paid (or cancelled) order with its money received and its refunds, as the payment core leaves them. */
async function order(fields: {
  status?: "PAID" | "CANCELLED";
  total: number;
  received: number;
  paidAt: Date;
  refunds?: { amountKes: number; status: "SUCCEEDED" | "SENT" | "FAILED"; at: Date; receipt?: string }[];
}) {
  n++;
  const reference = `DK-R${String(n).padStart(4, "0")}`;
  const created = await prisma.order.create({
    data: {
      publicId: `pub-r-${n}`,
      reference,
      customerName: `Customer ${n}`,
      phone: `25471200${String(n).padStart(4, "0")}`,
      status: fields.status ?? "PAID",
      totalKes: fields.total,
      reservedUntil: NOW,
      paidAt: fields.paidAt,
      createdAt: fields.paidAt,
      mpesaReceipt: `TKR${String(n).padStart(7, "0")}`,
      events: {
        create: {
          kind: "PAYMENT_RECEIVED",
          actor: "M-Pesa (callback)",
          at: fields.paidAt,
          amountKes: fields.received,
          source: "STK",
          reference: `TKR${String(n).padStart(7, "0")}`,
          paymentKey: `mpesa:TKR${String(n).padStart(7, "0")}`,
        },
      },
    },
  });
  for (const [i, r] of (fields.refunds ?? []).entries())
    await prisma.refund.create({
      data: {
        orderId: created.id,
        method: "B2C",
        amountKes: r.amountKes,
        phone: created.phone,
        reason: "Out of stock",
        status: r.status,
        idempotencyKey: `key-${n}-${i}`,
        resultToken: `token-${n}-${i}`,
        requestedBy: "owner@duka.test",
        receipt: r.receipt ?? null,
        completedAt: r.status === "SENT" ? null : r.at,
        createdAt: r.at,
      },
    });
  return reference;
}

let partial = "";
beforeAll(async () => {
  await resetShop();
  // Paid 2,000 yesterday; 500 of it went back today: today's revenue is 500 less.
  partial = await order({
    total: 2000,
    received: 2000,
    paidAt: YESTERDAY,
    refunds: [
      { amountKes: 500, status: "SUCCEEDED", at: TODAY, receipt: "RFD0000001" },
      { amountKes: 300, status: "FAILED", at: TODAY },
      { amountKes: 200, status: "SENT", at: TODAY },
    ],
  });
  // Over-paid 1,300 for 1,000 today; the 300 excess went back: that was never revenue.
  await order({
    total: 1000,
    received: 1300,
    paidAt: TODAY,
    refunds: [{ amountKes: 300, status: "SUCCEEDED", at: TODAY, receipt: "RFD0000002" }],
  });
  // Cancelled after payment and refunded whole: no sale at all, and its refund not taken off twice.
  await order({
    status: "CANCELLED",
    total: 800,
    received: 800,
    paidAt: TODAY,
    refunds: [{ amountKes: 800, status: "SUCCEEDED", at: TODAY, receipt: "RFD0000003" }],
  });
});

describe("revenue net of refunds", () => {
  it("takes what went back of a sale off the day it went back", async () => {
    const k = await getKpis(NOW);
    const none = { deliveryKes: 0, discountKes: 0 };
    expect(k.today).toEqual({ revenueKes: 500, goodsKes: 500, ...none, orders: 1, refundedKes: 500 });
    expect(k.week).toEqual({ revenueKes: 2500, goodsKes: 2500, ...none, orders: 2, refundedKes: 500 });
    const days = await getRevenueByDay(NOW);
    expect(days.at(-1)).toEqual({ day: "2026-11-25", revenueKes: 500, orders: 1 });
    expect(days.at(-2)).toEqual({ day: "2026-11-24", revenueKes: 2000, orders: 1 });
  });

  it("lists each order's refunds in the CSV: sent back, on its way, and their M-Pesa references", async () => {
    const res = await exportCsv(new Request("http://x/api/dashboard/orders/export?status=all"));
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(
      /,Refunded \(KES\),Refund in progress \(KES\),Refund M-Pesa references,Discount code,Discount \(KES\)$/,
    );
    expect(lines.find((l) => l.startsWith(partial))).toMatch(/,500,200,RFD0000001,,$/);
    expect(lines.find((l) => l.startsWith("DK-R0003"))).toMatch(/,800,0,RFD0000003,,$/);
  });
});
