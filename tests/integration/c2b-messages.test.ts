/**
 * Pay Bill (C2B) and the messages it causes: sent right after the confirmation or the owner's "Attach"
 * (never waiting for the cron), and part payments that neither hold stock forever nor flood the seller.
 * Nothing here drains the outbox by hand unless a test says so: the kicks must do it.
 */
import "./support/embedded-db-pool";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SellerUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { configureNotifications } from "@/lib/notifications/context";
import { drainNotifications } from "@/lib/notifications/drain";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import { localGateways } from "./support/notifications";
import {
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  readOrder,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";
import { formOf } from "./support/sellers";

const session = vi.hoisted(() => ({ user: null as SellerUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
const { attachUnmatchedPayment } = await import("@/lib/dashboard/c2b-actions");

const harness = withPaymentsHarness();
const SELLER = { phone: "+254700000555", email: "alerts@c2b.example.test" };
let owner: SellerUser;

beforeAll(async () => {
  expect(await registerC2bUrls("owner@duka.test")).toMatchObject({ ok: true });
  harness.emulator.control.setOptions({ c2bValidation: false });
  const user = await prisma.user.create({
    data: { email: "owner-c2b@duka.test", name: "Owner", passwordHash: "x", role: "OWNER" },
  });
  owner = { id: user.id, email: user.email, name: user.name, role: "OWNER" };
  await prisma.notificationSettings.upsert({
    where: { id: "shop" },
    update: {
      alertPhones: [SELLER.phone],
      alertEmails: [SELLER.email],
      smsEnabled: true,
      emailEnabled: true,
    },
    create: { alertPhones: [SELLER.phone], alertEmails: [SELLER.email] },
  });
});

beforeEach(async () => {
  // Each test starts with an empty outbox: a batched alert of an earlier test's order (due once the shared
  // clock moves on) must not land in this test's inbox.
  await prisma.notification.deleteMany({ where: { status: "QUEUED" } });
  harness.emulator.inbox.clear();
  configureNotifications({ ...localGateways(harness.emulator), now: clock.now });
});

const inbox = (to: string) => harness.emulator.inbox.list(to);
const payBill = (account: string, amount: number) =>
  harness.emulator.control.payBill(env.mpesa.shortcode, account, amount, freshPhone());

async function openOrder(priceKes: number) {
  // Well above the low-stock threshold (3): a sale here must not also alert the seller about stock.
  const product = await createProduct({ stock: 10, priceKes });
  const phone = freshPhone();
  const { publicId, order } = await checkoutOk(harness, product.id, phone);
  await harness.emulator.control.cancel(phone);
  return { phone, publicId, order };
}

describe("messages caused by Pay Bill go at once", () => {
  it("a confirmation that pays the order sends the shopper's SMS and the seller's alert", async () => {
    const { phone, order } = await openOrder(820);
    await payBill(order.reference, 820);
    const all = () => [inbox(`+${phone}`), inbox(SELLER.phone), inbox(SELLER.email)];
    await waitFor(() => all().every((messages) => messages.length === 1), {
      what: "shopper SMS and seller alert",
    });
    expect(inbox(`+${phone}`)[0]!.text).toContain(order.reference);
    expect(inbox(SELLER.email)[0]!.subject).toContain(order.reference);
  });

  it("the owner's Attach of an unmatched payment sends them too", async () => {
    const { phone, publicId, order } = await openOrder(830);
    const stray = await payBill("my order", 830);
    const payment = await prisma.c2bPayment.findUniqueOrThrow({ where: { transId: stray.transId } });
    expect(payment.status).toBe("UNMATCHED");
    session.user = owner;
    const result = await attachUnmatchedPayment(
      null,
      formOf({ paymentId: payment.id, reference: order.reference }),
    );
    expect(result).toMatchObject({ ok: true });
    expect((await readOrder(publicId)).status).toBe("PAID");
    await waitFor(() => inbox(`+${phone}`).length === 1, { what: "shopper SMS after Attach" });
  });
});

describe("part payments", () => {
  it("extend the stock hold for the first two only: KES 1 every 15 minutes cannot hold it forever", async () => {
    const { publicId, order } = await openOrder(1000);
    const holds: number[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(14 * 60);
      await payBill(order.reference, 1);
      const now = clock.now().getTime();
      holds.push(Math.round(((await readOrder(publicId)).reservedUntil.getTime() - now) / 60_000));
    }
    // 15 minutes from each of the first two; the third finds 1 minute left and keeps it.
    expect(holds).toEqual([15, 15, 1]);
    clock.advance(2 * 60);
    await expireDueOrders();
    expect((await readOrder(publicId)).status).toBe("EXPIRED");
  });

  it("alert the seller once per half hour, the next alert listing what came in since", async () => {
    const { order } = await openOrder(2000);
    // This order's alerts only: an earlier test's order may still have one on its way.
    const alertsTo = (to: string) => inbox(to).filter((m) => m.text.includes(order.reference));
    const first = await payBill(order.reference, 5);
    await waitFor(() => alertsTo(SELLER.email).length === 1, { what: "the first alert" });
    expect(alertsTo(SELLER.email)[0]!.text).toContain(first.transId);

    const later = [];
    for (let i = 0; i < 4; i++) later.push(await payBill(order.reference, 5));
    await drainNotifications();
    expect(alertsTo(SELLER.email)).toHaveLength(1);
    expect(alertsTo(SELLER.phone)).toHaveLength(1);

    clock.advance(31 * 60);
    await drainNotifications();
    const alerts = alertsTo(SELLER.email);
    expect(alerts).toHaveLength(2);
    for (const payment of later) expect(alerts[1]!.text).toContain(payment.transId);
    expect(alerts[1]!.text).not.toContain(first.transId);
    expect(alertsTo(SELLER.phone)).toHaveLength(2);
  });
});
