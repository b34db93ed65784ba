import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { parseOrderFilter, searchError } from "@/lib/dashboard/filters";
import { listOrders } from "@/lib/dashboard/orders";
import { getKpis, getPaymentStats, getRevenueByDay } from "@/lib/dashboard/summary";
import { accountNumberOf, referenceFromAccount } from "@/lib/payments/c2b/account";
import { seedDemoOrders } from "@/prisma/demo-orders";
import { resetShop } from "./support/database";

const session = vi.hoisted(() => ({
  user: { id: "u", email: "o@d.test", name: "O", role: "OWNER" as const },
}));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
const { GET: exportCsv } = await import("@/app/api/dashboard/orders/export/route");

// 13:00 EAT on 25 Nov 2026.
const NOW = new Date("2026-11-25T10:00:00Z");
let n = 0;
async function order(fields: {
  status?: "PAID" | "PENDING" | "FAILED" | "EXPIRED";
  paidAt?: Date;
  createdAt?: Date;
  name?: string;
  phone?: string;
  receipt?: string;
  total?: number;
  attention?: boolean;
  fulfilled?: boolean;
  delivery?: "cbd" | "pickup";
}) {
  n++;
  const cbd = await prisma.deliveryZone.findUniqueOrThrow({ where: { name: "Nairobi CBD" } });
  const delivery =
    fields.delivery === "cbd"
      ? {
          method: "DELIVERY" as const,
          zoneId: cbd.id,
          zoneName: cbd.name,
          etaText: "Same day",
          county: "Nairobi",
          town: "Westlands",
          landmark: "Sarit Centre, gate B",
        }
      : fields.delivery === "pickup"
        ? { method: "PICKUP" as const, pickupAddress: "Kimathi Street", pickupHours: "Mon-Sat 8-18" }
        : undefined;
  return prisma.order.create({
    data: {
      publicId: `pub-q-${n}`,
      reference: `DK-Q${String(n).padStart(4, "0")}`,
      customerName: fields.name ?? `Customer ${n}`,
      phone: fields.phone ?? `25471100${String(n).padStart(4, "0")}`,
      status: fields.status ?? "PAID",
      totalKes: fields.total ?? 1000,
      reservedUntil: NOW,
      paidAt: fields.paidAt ?? null,
      createdAt: fields.createdAt ?? fields.paidAt ?? NOW,
      mpesaReceipt: fields.receipt ?? null,
      needsAttention: fields.attention ?? false,
      fulfilment: fields.fulfilled ? "FULFILLED" : "UNFULFILLED",
      deliveryFeeKes: fields.delivery === "cbd" ? 200 : 0,
      ...(delivery ? { delivery: { create: delivery } } : {}),
    },
  });
}

beforeAll(async () => {
  await resetShop();
  await order({
    paidAt: new Date("2026-11-24T21:30:00Z"),
    receipt: "TKQ1000001",
    total: 1500,
    name: "Wanjiku Kamau",
    phone: "254722000111",
    delivery: "cbd",
  }); // 00:30 EAT today
  await order({
    paidAt: new Date("2026-11-24T20:30:00Z"),
    receipt: "TKQ1000002",
    total: 700,
    fulfilled: true,
    delivery: "pickup",
  }); // 23:30 EAT yesterday
  await order({ paidAt: new Date("2026-11-19T10:00:00Z"), receipt: "TKQ1000003", total: 300 }); // 6 days ago: in 7 days
  await order({ paidAt: new Date("2026-11-18T10:00:00Z"), receipt: "TKQ1000004", total: 200 }); // 7 days ago: outside 7 days
  await order({ paidAt: new Date("2026-10-01T10:00:00Z"), receipt: "TKQ1000005", total: 9999 }); // outside 30 days
  await order({
    status: "FAILED",
    createdAt: new Date("2026-11-25T08:00:00Z"),
    name: '=HYPERLINK("http://evil")',
  });
  await order({ status: "EXPIRED", createdAt: new Date("2026-11-20T08:00:00Z"), name: 'Otieno "Oti", Jr.' });
  await order({ status: "EXPIRED", createdAt: new Date("2026-11-21T08:00:00Z"), attention: true });
});

describe("KPIs", () => {
  it("count paid revenue in East Africa Time days, goods apart from delivery fees", async () => {
    const k = await getKpis(NOW);
    const none = { refundedKes: 0, discountKes: 0 };
    expect(k.today).toEqual({ revenueKes: 1500, goodsKes: 1300, deliveryKes: 200, orders: 1, ...none });
    expect(k.week).toEqual({ revenueKes: 2500, goodsKes: 2300, deliveryKes: 200, orders: 3, ...none });
    expect(k.month).toEqual({ revenueKes: 2700, goodsKes: 2500, deliveryKes: 200, orders: 4, ...none });
  });

  it("chart has every day, keyed by EAT date", async () => {
    const days = await getRevenueByDay(NOW);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: "2026-11-25", revenueKes: 1500, orders: 1 });
    expect(days.at(-2)).toEqual({ day: "2026-11-24", revenueKes: 700, orders: 1 });
    expect(days.reduce((s, d) => s + d.revenueKes, 0)).toBe(2700);
  });
});

describe("orders list", () => {
  const list = async (q: string) =>
    (await listOrders(parseOrderFilter(new URLSearchParams(q)))).rows.map((r) => r.reference);

  it("shows paid orders by default, newest payment first", async () => {
    expect(await list("")).toEqual(["DK-Q0001", "DK-Q0002", "DK-Q0003", "DK-Q0004", "DK-Q0005"]);
  });

  it("filters by status, needs attention, fulfilment and EAT date range", async () => {
    expect(await list("status=failed")).toEqual(["DK-Q0006"]);
    expect(await list("status=attention")).toEqual(["DK-Q0008"]);
    expect(await list("fulfilment=fulfilled")).toEqual(["DK-Q0002"]);
    expect(await list("from=2026-11-25&to=2026-11-25")).toEqual(["DK-Q0001"]);
    expect(await list("from=2026-11-19&to=2026-11-24")).toEqual(["DK-Q0002", "DK-Q0003"]);
    expect(await list("status=all&from=2026-11-20&to=2026-11-21")).toEqual(["DK-Q0008", "DK-Q0007"]);
  });

  it("filters by delivery zone, and by pickup", async () => {
    const cbd = await prisma.deliveryZone.findUniqueOrThrow({ where: { name: "Nairobi CBD" } });
    expect(await list(`zone=${cbd.id}`)).toEqual(["DK-Q0001"]);
    expect(await list("zone=pickup")).toEqual(["DK-Q0002"]);
    expect(await list("zone=no-such-zone")).toEqual([]);
  });

  it("searches by receipt, reference, phone (any format) and name", async () => {
    expect(await list("q=tkq1000003")).toEqual(["DK-Q0003"]);
    expect(await list("q=DK-Q0002")).toEqual(["DK-Q0002"]);
    expect(await list("q=Q0002")).toEqual(["DK-Q0002"]);
    expect(await list("q=0722 000 111")).toEqual(["DK-Q0001"]);
    expect(await list("q=%2B254722000111")).toEqual(["DK-Q0001"]);
    expect(await list("q=wanjiku")).toEqual(["DK-Q0001"]);
    for (const q of ["%25", "_", "%5C"]) expect(await list(`q=${q}`)).toEqual([]);
  });

  it("finds a reference of letters only, also typed as its Pay Bill account number, and still finds names", async () => {
    await prisma.order.update({ where: { reference: "DK-Q0004" }, data: { reference: "DK-PZPBCK" } });
    try {
      for (const q of ["DK-PZPBCK", "dk-pzpbck", "PZPBCK", "DKPZPBCK", "dkpzpbck"])
        expect(await list(`q=${q}`), q).toEqual(["DK-PZPBCK"]);
      // Five letters, like a code: the name is looked for too.
      expect(await list("q=Kamau")).toEqual(["DK-Q0001"]);
    } finally {
      await prisma.order.update({ where: { reference: "DK-PZPBCK" }, data: { reference: "DK-Q0004" } });
    }
  });

  it("says a search text over 100 characters is too long, keeps it, and lists nothing rather than everything", async () => {
    const long = `wanjiku ${"x".repeat(100)}`;
    const filter = parseOrderFilter(new URLSearchParams({ status: "all", q: long }));
    expect(filter.q).toBe(long);
    expect(searchError(filter)).toBe("Search text is too long (108 characters): use at most 100.");
    expect(await list(`status=all&q=${encodeURIComponent(long)}`)).toEqual([]);
    // The export follows the same filter: no rows either.
    const csv = await (
      await exportCsv(
        new Request(`http://x/api/dashboard/orders/export?status=all&q=${encodeURIComponent(long)}`),
      )
    ).text();
    expect(csv.trimEnd().split("\r\n")).toHaveLength(1);
    // 100 characters is still a search.
    expect(searchError(parseOrderFilter(new URLSearchParams({ q: "x".repeat(100) })))).toBeNull();
  });

  it("paginates on the server", async () => {
    const page = await listOrders(parseOrderFilter(new URLSearchParams("page=2")), 2);
    expect(page).toMatchObject({ total: 5, pages: 3, page: 2 });
    expect(page.rows.map((r) => r.reference)).toEqual(["DK-Q0003", "DK-Q0004"]);
  });

  it("shows the last page when asked for one past the end, not an empty 'Page 9 of 3'", async () => {
    const page = await listOrders(parseOrderFilter(new URLSearchParams("page=9")), 2);
    expect(page).toMatchObject({ total: 5, pages: 3, page: 3 });
    expect(page.rows.map((r) => r.reference)).toEqual(["DK-Q0005"]);
  });
});

describe("CSV export", () => {
  it("exports the current filter with escaping and formula protection", async () => {
    const res = await exportCsv(
      new Request("http://x/api/dashboard/orders/export?status=all&from=2026-11-20"),
    );
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Reference,Placed (EAT),Paid (EAT),Customer,Phone,Status,Fulfilment,Total (KES),M-Pesa receipt,Items,Needs attention," +
        "Delivery,Zone,Delivery fee (KES),Goods (KES),County,Town or estate,Landmark," +
        "Refunded (KES),Refund in progress (KES),Refund M-Pesa references,Discount code,Discount (KES)",
    );
    expect(lines).toHaveLength(1 + 5);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(`"Otieno ""Oti"", Jr."`);
    expect(lines.find((l) => l.startsWith("DK-Q0001"))).toContain(",1500,TKQ1000001,");
    expect(lines.find((l) => l.startsWith("DK-Q0001"))).toMatch(
      /,Delivery,Nairobi CBD,200,1300,Nairobi,Westlands,"?Sarit Centre, gate B"?,0,0,,,$/,
    );
    expect(lines.find((l) => l.startsWith("DK-Q0002"))).toMatch(/,Pickup,,0,700,,,,0,0,,,$/);
  });
});

describe("demo orders", () => {
  it("cover every status with attempts and callbacks, payment stats read them, references are real", async () => {
    const created = await seedDemoOrders(prisma, { now: NOW, count: 120 });
    expect(created).toBe(120);
    const statuses = await prisma.order.groupBy({ by: ["status"], _count: { _all: true } });
    expect(statuses.map((s) => s.status).sort()).toEqual(["EXPIRED", "FAILED", "PAID", "PENDING"]);
    expect(await prisma.order.count({ where: { needsAttention: true, status: "PAID" } })).toBeGreaterThan(0);
    expect(await prisma.callbackEvent.count()).toBeGreaterThan(50);
    const stats = await getPaymentStats(NOW);
    expect(stats.successRate).toBeGreaterThan(0.5);
    expect(stats.topFailures.length).toBeGreaterThan(1);
    expect(stats.topFailures[0]?.label).toMatch(/\w/);
    // Real references, so Pay Bill with a seeded order's reference as the account number finds it.
    const demo = await prisma.order.findMany({
      where: { NOT: { publicId: { startsWith: "pub-q-" } } },
      select: { reference: true },
    });
    expect(demo).toHaveLength(120);
    for (const { reference } of demo) {
      expect(reference).toMatch(/^DK-[2-9A-HJ-NP-Z]{6}$/);
      expect(referenceFromAccount(accountNumberOf(reference))).toBe(reference);
    }
  });
});
