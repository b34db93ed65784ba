/**
 * The owner's morning stock summary: once per EAT day in the morning (07:00 to 12:00 EAT), queued by the daily
 * cron route or by
 * the requests' sweep (whichever comes first, however many at once), sent over real HTTP (the Africa's
 * Talking stand-in) and SMTP to the emulator's inbox; nothing when it is off or nothing is low.
 */
import "./support/embedded-db-pool";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as cronGet } from "@/app/api/cron/reconcile/route";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { drainNotifications } from "@/lib/notifications/drain";
import { queueStockSummaryIfDue } from "@/lib/notifications/stock-summary";
import { sweepIfDue } from "@/lib/setup/scheduled-work";
import { clock, createDress, createProduct, waitFor, withPaymentsHarness } from "./support/payments-harness";
import { formOf } from "./support/sellers";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
const { saveAlertSettings } = await import("@/lib/notifications/settings-actions");

const harness = withPaymentsHarness();
const SELLER = { phone: "+254700000997", email: "stock@shop.example.test" };
// 07:00 EAT on Monday 7 December 2026.
const MORNING = new Date("2026-12-07T04:00:00Z");
const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3600_000);

const inbox = (to: string) => harness.emulator.inbox.list(to);
const summaries = () => prisma.notification.findMany({ where: { kind: "STOCK_SUMMARY" } });
const summaryDay = async () =>
  (await prisma.notificationSettings.findUniqueOrThrow({ where: { id: "shop" } })).stockSummarySentOn;
const cron = async () => {
  const response = await cronGet(new Request("http://shop.test/api/cron/reconcile"));
  expect(response.status).toBe(200);
  return (await response.json()) as { stockSummary: unknown };
};

/** Sends what is queued, as the cron and the after() kick do, until every summary left the outbox. */
async function sendSummaries() {
  await waitFor(
    async () => {
      await drainNotifications();
      return (await summaries()).every((n) => n.status === "SENT");
    },
    { what: "summaries sent" },
  );
}

beforeEach(async () => {
  harness.emulator.inbox.clear();
  // Each test's products are the whole shop: earlier tests' ones are archived.
  await prisma.product.updateMany({ data: { active: false } });
  await prisma.notification.deleteMany({ where: { kind: "STOCK_SUMMARY" } });
  await prisma.jobRun.deleteMany();
  const settings = {
    alertPhones: [SELLER.phone],
    alertEmails: [SELLER.email],
    smsEnabled: true,
    emailEnabled: true,
    lowStockThreshold: 3,
    dailyStockSummary: true,
    stockSummarySentOn: null,
  };
  await prisma.notificationSettings.upsert({ where: { id: "shop" }, update: settings, create: settings });
});

describe("morning stock summary", () => {
  it("waits for 07:00 EAT, then sends one SMS and one email naming each low variant and what is left", async () => {
    const dress = await createDress({ "Red / M": 1, "Blue / M": 9 });
    const towel = await createProduct({ stock: 2 });
    await prisma.productVariant.update({
      where: { id: dress.variant("Blue / L").id },
      data: { archived: true },
    });

    clock.set(new Date("2026-12-07T03:59:00Z")); // 06:59 EAT
    expect((await cron()).stockSummary).toBe("not the morning");
    expect(await summaries()).toHaveLength(0);
    expect(await summaryDay()).toBeNull();

    clock.set(MORNING);
    expect((await cron()).stockSummary).toBe("queued: 3 low or sold out");
    await sendSummaries();
    const [sms] = inbox(SELLER.phone);
    expect(inbox(SELLER.phone)).toHaveLength(1);
    expect(sms!.text.length).toBeLessThanOrEqual(160);
    // Sold out first, then the fewest left; stocked and archived variants are not listed.
    expect(sms!.text).toContain(
      `Test Shop stock: Ankara dress, Red / L: sold out; Ankara dress, Red / M: 1 left; ${towel.name}: 2 left.`,
    );
    expect(sms!.text).not.toMatch(/Blue/);
    const mails = inbox(SELLER.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Stock this morning: 2 low, 1 sold out · Test Shop");
    expect(mails[0]!.text).toContain("Ankara dress, Red / M: 1 left\n");
    expect(mails[0]!.html).toContain("Ankara dress, Red / L: sold out");
    expect(mails[0]!.text).toContain("https://shop.example.test/dashboard/products");
    expect((await summaryDay())?.toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });

  it("goes once a day however many cron calls and sweeps run at once, and again the next morning", async () => {
    await createDress({ "Red / M": 2, "Red / L": 8, "Blue / M": 8, "Blue / L": 8 });
    clock.set(hoursAfter(MORNING, 2)); // 09:00 EAT
    await Promise.all([
      ...Array.from({ length: 3 }, () => cron()),
      // Six minutes apart, so each takes the sweep's own 5-minute lease: three sweeps run at once.
      ...Array.from({ length: 3 }, (_, i) => sweepIfDue(hoursAfter(clock.now(), i * 0.1))),
      ...Array.from({ length: 4 }, () => queueStockSummaryIfDue()),
    ]);
    await sendSummaries();
    expect((await summaries()).map((n) => n.channel).sort()).toEqual(["EMAIL", "SMS"]);
    expect(inbox(SELLER.phone).map((m) => m.text)).toEqual([
      expect.stringContaining("Ankara dress, Red / M: 2 left"),
    ]);
    expect(inbox(SELLER.email)).toHaveLength(1);

    // Later the same morning, and late evening: cron, sweep and direct calls add nothing.
    clock.set(hoursAfter(MORNING, 4)); // 11:00 EAT
    expect((await cron()).stockSummary).toBe("off, or done today");
    clock.set(hoursAfter(MORNING, 14)); // 21:00 EAT
    await prisma.jobRun.deleteMany();
    expect(await sweepIfDue(clock.now())).toBe(true);
    expect((await cron()).stockSummary).toBe("not the morning");
    expect(await summaries()).toHaveLength(2);

    // Midnight EAT has passed but not 07:00: still nothing; from 07:00 the next summary goes.
    clock.set(hoursAfter(MORNING, 20)); // 03:00 EAT on the 8th
    expect(await queueStockSummaryIfDue()).toBe("not the morning");
    clock.set(hoursAfter(MORNING, 24.5)); // 07:30 EAT on the 8th
    expect(await sweepIfDue(clock.now())).toBe(true);
    await sendSummaries();
    expect(await summaries()).toHaveLength(4);
    expect(inbox(SELLER.phone)).toHaveLength(2);
    expect(inbox(SELLER.email)).toHaveLength(2);
  });

  it("switched on (or deployed) after the morning: nothing that evening, the summary the next morning", async () => {
    await createDress({ "Red / M": 1, "Red / L": 8, "Blue / M": 8, "Blue / L": 8 });
    clock.set(hoursAfter(MORNING, 6)); // 13:00 EAT
    expect((await cron()).stockSummary).toBe("not the morning");
    expect(await sweepIfDue(clock.now())).toBe(true);
    clock.set(hoursAfter(MORNING, 15)); // 22:00 EAT
    expect(await queueStockSummaryIfDue()).toBe("not the morning");
    await drainNotifications();
    expect(await summaries()).toHaveLength(0);
    expect(inbox(SELLER.phone)).toHaveLength(0);
    expect(await summaryDay()).toBeNull();

    // Hobby runs the daily cron anywhere in its hour: even its last minute is still the morning.
    clock.set(hoursAfter(MORNING, 24 + 59 / 60)); // 07:59 EAT on the 8th
    expect((await cron()).stockSummary).toBe("queued: 1 low or sold out");
    await sendSummaries();
    expect(inbox(SELLER.phone).map((m) => m.text)).toEqual([
      expect.stringContaining("Ankara dress, Red / M: 1 left"),
    ]);
    expect(inbox(SELLER.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Stock this morning/)]);
    expect((await summaryDay())?.toISOString()).toBe("2026-12-08T00:00:00.000Z");
  });

  it("sends nothing when the owner left it off, nor when nothing is low", async () => {
    const dress = await createDress({ "Red / M": 0, "Red / L": 1 });
    await prisma.notificationSettings.update({ where: { id: "shop" }, data: { dailyStockSummary: false } });
    clock.set(MORNING);
    expect((await cron()).stockSummary).toBe("off, or done today");
    expect(await summaryDay()).toBeNull();

    await prisma.notificationSettings.update({ where: { id: "shop" }, data: { dailyStockSummary: true } });
    await prisma.productVariant.updateMany({ where: { productId: dress.id }, data: { stock: 10 } });
    expect((await cron()).stockSummary).toBe("nothing low");
    // The morning is done: a variant running low later that day gets its own alert, not a second summary.
    expect((await summaryDay())?.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    await prisma.productVariant.update({ where: { id: dress.variant("Red / M").id }, data: { stock: 0 } });
    expect(await queueStockSummaryIfDue(hoursAfter(MORNING, 3))).toBe("off, or done today");

    await drainNotifications();
    expect(await summaries()).toHaveLength(0);
    expect(inbox(SELLER.phone)).toHaveLength(0);
    expect(inbox(SELLER.email)).toHaveLength(0);
  });

  it("is switched on in the owner's alert settings, with the low-stock number; a bad number saves nothing", async () => {
    const owner = await prisma.user.upsert({
      where: { email: "owner-stock@duka.test" },
      update: {},
      create: { email: "owner-stock@duka.test", name: "Owner", passwordHash: "x", role: "OWNER" },
    });
    session.user = { id: owner.id, email: owner.email, name: owner.name, role: "OWNER" };
    await prisma.notificationSettings.update({ where: { id: "shop" }, data: { dailyStockSummary: false } });
    const fields = {
      alertPhones: "0700000997",
      alertEmails: SELLER.email,
      smsEnabled: "on",
      emailEnabled: "on",
      lowStockThreshold: "lots",
      dailyStockSummary: "on",
    };
    const refused = await saveAlertSettings(null, formOf(fields));
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { lowStockThreshold: ["Enter how many left counts as low, e.g. 3"] },
      values: { lowStockThreshold: "lots", dailyStockSummary: "on" },
    });
    expect(await prisma.notificationSettings.findUnique({ where: { id: "shop" } })).toMatchObject({
      dailyStockSummary: false,
      lowStockThreshold: 3,
    });

    expect(await saveAlertSettings(null, formOf({ ...fields, lowStockThreshold: " 5 " }))).toMatchObject({
      ok: true,
    });
    expect(await prisma.notificationSettings.findUnique({ where: { id: "shop" } })).toMatchObject({
      dailyStockSummary: true,
      lowStockThreshold: 5,
    });
    // Five left is now low: the summary lists it.
    await createDress({ "Red / M": 5, "Red / L": 6, "Blue / M": 6, "Blue / L": 6 });
    expect(await queueStockSummaryIfDue(MORNING)).toBe("queued: 1 low or sold out");

    // An unticked box is not sent at all.
    const unticked = formOf({ ...fields, lowStockThreshold: "5" });
    unticked.delete("dailyStockSummary");
    expect(await saveAlertSettings(null, unticked)).toMatchObject({ ok: true });
    expect(await prisma.notificationSettings.findUnique({ where: { id: "shop" } })).toMatchObject({
      dailyStockSummary: false,
    });
    session.user = null;
  });
});
