// The owner's delivery settings (field errors, owner only, placed orders untouched) and the seller's
// fulfilment steps for delivery and pickup orders. The session is our own boundary, so the test plays
// the caller by mocking it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type EmulatorHandle, startEmulator } from "@/emulator";
import { configureNotifications } from "@/lib/notifications/context";
import { drainNotifications } from "@/lib/notifications/drain";
import { localGateways } from "./support/notifications";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { buildTimeline } from "@/lib/dashboard/timeline";
import { resetShop } from "./support/database";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { saveDeliverySettings, saveZone } = await import("@/lib/delivery/settings-actions");
const { setFulfilment } = await import("@/lib/dashboard/order-actions");

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

let owner: SellerUser;
let staff: SellerUser;
// The shopper's "on its way" and "ready for pickup" texts go to this stand-in's inbox over real HTTP.
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  configureNotifications(localGateways(emulator));
  await resetShop();
  const o = await prisma.user.findFirstOrThrow({ where: { role: "OWNER" } });
  owner = { id: o.id, email: o.email, name: o.name, role: "OWNER" };
  staff = { ...owner, id: "staff-1", role: "STAFF" };
});

afterAll(() => emulator.stop());

beforeEach(() => {
  session.user = owner;
});

/** The shopper's SMS texts, once the outbox has sent them (the action's own drain may be sending them). */
async function textsTo(phone: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    await drainNotifications();
    const texts = emulator.inbox.list(`+${phone}`).map((m) => m.text);
    if (texts.length > 0 || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const zoneFields = {
  name: "Mombasa island",
  feeKes: "400",
  etaText: "Next day",
  counties: ["Mombasa"],
  active: "on",
};

describe("delivery settings", () => {
  it("adds a zone with its counties, and refuses a duplicate name with a field error", async () => {
    expect(await saveZone(null, form(zoneFields))).toMatchObject({ ok: true });
    const zone = await prisma.deliveryZone.findUniqueOrThrow({ where: { name: "Mombasa island" } });
    expect([zone.feeKes, zone.counties, zone.active]).toEqual([400, ["Mombasa"], true]);
    expect(await saveZone(null, form(zoneFields))).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Another zone has this name."] },
    });
  });

  it.each([
    ["a fee over 50,000", { feeKes: "50001" }, "feeKes", /at most KES 50,000/],
    ["a fee in cents", { feeKes: "199.50" }, "feeKes", /whole shillings/],
    ["a negative fee", { feeKes: "-5" }, "feeKes", /whole shillings/],
    ["no time", { etaText: "" }, "etaText", /how long/],
    ["no name", { name: " " }, "name", /Name the zone/],
    ["a county not in Kenya", { counties: ["Atlantis"] }, "counties", /from the list/],
  ])("refuses %s with an error on that field and saves nothing", async (_, change, field, message) => {
    const before = await prisma.deliveryZone.count();
    const result = await saveZone(null, form({ ...zoneFields, name: "Another zone", ...change }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.[field]?.[0]).toMatch(message);
    expect(await prisma.deliveryZone.count()).toBe(before);
  });

  it("saves the pickup point and threshold, and needs an address only when pickup is offered", async () => {
    const bad = await saveDeliverySettings(
      null,
      form({ pickupEnabled: "on", pickupAddress: "", pickupHours: "", freeDeliveryThresholdKes: "abc" }),
    );
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual([
      "freeDeliveryThresholdKes",
      "pickupAddress",
      "pickupHours",
    ]);
    expect(
      await saveDeliverySettings(
        null,
        form({ pickupAddress: "", pickupHours: "", freeDeliveryThresholdKes: "" }),
      ),
    ).toMatchObject({ ok: true });
    expect(await prisma.deliverySettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      pickupEnabled: false,
      freeDeliveryThresholdKes: null,
    });
    expect(
      await saveDeliverySettings(
        null,
        form({
          pickupEnabled: "on",
          pickupAddress: "Moi Avenue, Nairobi",
          pickupHours: "Daily 9-17",
          freeDeliveryThresholdKes: "7000",
        }),
      ),
    ).toMatchObject({ ok: true });
  });

  it("is for the owner only: staff change nothing", async () => {
    session.user = staff;
    expect(await saveZone(null, form({ ...zoneFields, name: "Staff zone" }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await saveDeliverySettings(null, form({ freeDeliveryThresholdKes: "1" }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await prisma.deliveryZone.count({ where: { name: "Staff zone" } })).toBe(0);
  });

  it("leaves placed orders with the fee and zone they were placed with", async () => {
    const zone = await prisma.deliveryZone.findUniqueOrThrow({ where: { name: "Mombasa island" } });
    const order = await paidOrder("DK-DLV00", "DELIVERY", zone.id);
    const fields = { ...zoneFields, id: zone.id, name: "Coast", feeKes: "900" };
    expect(await saveZone(null, form(fields))).toMatchObject({ ok: true });
    const after = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { delivery: true },
    });
    expect([after.totalKes, after.deliveryFeeKes, after.delivery?.zoneName]).toEqual([
      1400,
      400,
      "Mombasa island",
    ]);
  });
});

async function paidOrder(
  reference: string,
  method: "DELIVERY" | "PICKUP",
  zoneId?: string,
  phone = "254712000999",
) {
  return prisma.order.create({
    data: {
      publicId: `pub-${reference}`,
      reference,
      customerName: "Achieng",
      phone,
      status: "PAID",
      totalKes: method === "DELIVERY" ? 1400 : 1000,
      deliveryFeeKes: method === "DELIVERY" ? 400 : 0,
      reservedUntil: new Date(),
      paidAt: new Date(),
      mpesaReceipt: `T${reference.replace(/\W/g, "")}`,
      delivery: {
        create:
          method === "DELIVERY"
            ? {
                method,
                zoneId,
                zoneName: "Mombasa island",
                etaText: "Next day",
                county: "Mombasa",
                town: "Nyali",
                landmark: "City Mall",
              }
            : { method, pickupAddress: "Kimathi Street", pickupHours: "Mon-Sat 8-18" },
      },
    },
  });
}

describe("fulfilment steps", () => {
  const step = (reference: string, fulfilment: string) =>
    setFulfilment(null, form({ reference, fulfilment }));

  it("dispatches, then delivers, a delivery order, with both times on the timeline (staff may)", async () => {
    session.user = staff;
    await paidOrder("DK-DLV01", "DELIVERY");
    expect(
      await setFulfilment(
        null,
        form({ reference: "DK-DLV01", fulfilment: "DISPATCHED", riderPhone: "0722 000 111" }),
      ),
    ).toMatchObject({ ok: true, message: "Marked dispatched: the customer gets an SMS." });
    expect(await textsTo("254712000999")).toEqual([
      expect.stringMatching(/DK-DLV01 is on its way\. Rider: 0722000111\./),
    ]);
    expect(await step("DK-DLV01", "DISPATCHED")).toMatchObject({ ok: false });
    expect(await step("DK-DLV01", "FULFILLED")).toMatchObject({ ok: true, message: "Marked delivered." });
    const order = await prisma.order.findUniqueOrThrow({
      where: { reference: "DK-DLV01" },
      include: {
        delivery: true,
        attempts: { include: { callbacks: true } },
        events: { orderBy: [{ at: "asc" }, { seq: "asc" }] },
      },
    });
    expect(order.fulfilment).toBe("FULFILLED");
    const titles = buildTimeline(order).map((e) => e.title);
    // The shopper's "on its way" SMS sits between the two steps.
    expect(titles.slice(-3)).toEqual(["Dispatched", "Message queued", "Marked delivered"]);
    // Who did it is kept with each step.
    expect(buildTimeline(order).at(-1)?.detail).toBe(`by ${staff.email}`);
  });

  it("marks a pickup order ready (the shopper is told where), then picked up", async () => {
    await paidOrder("DK-DLV02", "PICKUP", undefined, "254712000998");
    expect(await step("DK-DLV02", "DISPATCHED")).toMatchObject({
      ok: true,
      message: expect.stringMatching(/ready for pickup/),
    });
    expect(await textsTo("254712000998")).toEqual([
      expect.stringMatching(/DK-DLV02 is ready for pickup at Kimathi Street/),
    ]);
    expect(await step("DK-DLV02", "FULFILLED")).toMatchObject({ ok: true, message: "Marked picked up." });
  });

  it("refuses a rider's number that is not a Kenyan mobile, and changes nothing", async () => {
    await paidOrder("DK-DLV03", "DELIVERY", undefined, "254712000997");
    const refused = await setFulfilment(
      null,
      form({ reference: "DK-DLV03", fulfilment: "DISPATCHED", riderPhone: "0712 34" }),
    );
    // What was typed comes back, so the box keeps it next to its error.
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { riderPhone: [expect.stringMatching(/rider's Kenyan mobile number/)] },
      values: { riderPhone: "0712 34" },
    });
    expect((await prisma.order.findUniqueOrThrow({ where: { reference: "DK-DLV03" } })).fulfilment).toBe(
      "UNFULFILLED",
    );
  });

  it("lets an unpaid pay-on-delivery order leave the shop (amount due in the SMS), not be delivered", async () => {
    await paidOrder("DK-DLV04", "DELIVERY", undefined, "254712000996");
    await prisma.order.update({
      where: { reference: "DK-DLV04" },
      data: { paymentMethod: "ON_DELIVERY", paidAt: null, mpesaReceipt: null, status: "PENDING" },
    });
    expect(await step("DK-DLV04", "DISPATCHED")).toMatchObject({ ok: true });
    expect(await textsTo("254712000996")).toEqual([expect.stringMatching(/Pay KES 1,400 on delivery/)]);
    expect(await step("DK-DLV04", "FULFILLED")).toMatchObject({ ok: false });
  });

  it("goes back to unfulfilled, clearing both times", async () => {
    expect(await step("DK-DLV01", "UNFULFILLED")).toMatchObject({ ok: true });
    const order = await prisma.order.findUniqueOrThrow({ where: { reference: "DK-DLV01" } });
    expect([order.fulfilment, order.dispatchedAt, order.fulfilledAt]).toEqual(["UNFULFILLED", null, null]);
  });
});
