/** Order messages over real HTTP (Africa's Talking stand-in) and SMTP, from the paying callback to the inbox. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { configureNotifications } from "@/lib/notifications/context";
import { drainNotifications, drainQuietly } from "@/lib/notifications/drain";
import { enqueueOrderNotifications, enqueueTestMessages } from "@/lib/notifications/enqueue";
import { reconcileAttempt } from "@/lib/payments/stk/reconcile";
import { applyAttemptResult } from "@/lib/payments/stk/attempt-result";
import { startCheckout } from "@/lib/payments/stk/checkout";
import {
  clock,
  createProduct,
  freshPhone,
  newReceipt,
  postCallback,
  readOrder,
  tokenOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";
import { TEST_SHOP, localGateways } from "./support/notifications";

const harness = withPaymentsHarness();
const SELLER = { phone: "+254700000999", email: "alerts@shop.example.test" };

beforeEach(async () => {
  harness.emulator.inbox.clear();
  harness.emulator.inbox.clearFaults();
  configureNotifications({ ...localGateways(harness.emulator), now: clock.now });
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

async function checkoutWithEmail(priceKes = 500) {
  const product = await createProduct({ stock: 5, priceKes });
  const phone = freshPhone();
  const email = `shopper-${randomBytes(4).toString("hex")}@example.test`;
  const result = await startCheckout({
    lines: [{ variantId: product.variantId, quantity: 1 }],
    customerName: "Achieng Test",
    phone,
    email,
    delivery: { key: "pickup", seenFeeKes: 0 },
    clientIp: null,
    checkoutKey: randomBytes(12).toString("hex"),
  });
  if (!result.ok) throw new Error(result.message);
  const order = await readOrder(result.publicId);
  return { phone, email, order, attempt: order.attempts[0]!, token: tokenOf(harness, phone)! };
}

/** Pays on the emulator's phone and lets its callback reach our route over HTTP. */
async function payOnPhone(phone: string) {
  const delivery = await harness.emulator.control.pay(phone);
  expect(delivery.status).toBe(200);
  return delivery;
}

/** Drains until every message of the order is settled (sent or failed), as the after() kick and cron would. */
async function settleOutbox(orderId: string) {
  return waitFor(
    async () => {
      await drainNotifications();
      const rows = await prisma.notification.findMany({ where: { orderId } });
      return rows.length > 0 && rows.every((r) => r.status === "SENT" || r.status === "FAILED") && rows;
    },
    { what: "outbox settled" },
  );
}

const inbox = (to?: string) => harness.emulator.inbox.list(to);

describe("order notifications", () => {
  it("sends the shopper one SMS and one email, and the seller both alerts, once an order is paid", async () => {
    const { phone, email, order } = await checkoutWithEmail(1250);
    await payOnPhone(phone);
    const paid = await readOrder(order.publicId);
    expect(paid.status).toBe("PAID");
    await settleOutbox(order.id);

    const [sms] = inbox(`+${phone}`);
    expect(inbox(`+${phone}`)).toHaveLength(1);
    expect(sms).toMatchObject({ channel: "sms", to: `+${phone}` });
    expect(sms!.text).toContain("Test Shop");
    expect(sms!.text).toContain(paid.reference);
    expect(sms!.text).toContain("KES 1,250");
    expect(sms!.text).toContain(paid.mpesaReceipt!);
    expect(sms!.text).toContain(`${TEST_SHOP.publicUrl}/orders/${paid.publicId}`);
    expect(sms!.text.length).toBeLessThanOrEqual(160);
    expect(sms!.text).not.toContain(phone.slice(3));

    const mails = inbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(paid.reference);
    expect(mails[0]!.html).toContain(`${TEST_SHOP.publicUrl}/orders/${paid.publicId}`);
    expect(mails[0]!.text).toContain(paid.mpesaReceipt!);

    expect(inbox(SELLER.phone).map((m) => m.text)).toEqual([
      expect.stringContaining(`new paid order ${paid.reference}`),
    ]);
    expect(inbox(SELLER.email).map((m) => m.subject)).toEqual([
      expect.stringContaining(`New paid order ${paid.reference}`),
    ]);
    // The seller reads how the order leaves the shop (its delivery snapshot) in the alert itself.
    expect(inbox(SELLER.email)[0]!.text).toContain("Pickup at the shop");
    expect(inbox()).toHaveLength(4);
  });

  it("adds nothing for replayed callbacks or a later STK query confirming the same payment", async () => {
    const { phone, order, attempt, token } = await checkoutWithEmail();
    const delivery = await payOnPhone(phone);
    await settleOutbox(order.id);
    expect(inbox()).toHaveLength(4);

    for (let i = 0; i < 3; i++) expect((await postCallback(harness, token, delivery.body)).status).toBe(200);
    clock.advance(120);
    await reconcileAttempt(attempt.id);
    await drainNotifications();
    expect(await prisma.notification.count({ where: { orderId: order.id } })).toBe(4);
    expect(inbox()).toHaveLength(4);
  });

  it("alerts the seller, saying what to do, when a second payment arrives for a paid order", async () => {
    const { phone, order } = await checkoutWithEmail(640);
    await payOnPhone(phone);
    // One prompt cannot pay twice; a second attempt of the same order can (e.g. a retry's late success).
    const second = await prisma.paymentAttempt.create({
      data: { orderId: order.id, phone, amountKes: 640, callbackToken: randomBytes(32).toString("hex") },
    });
    await applyAttemptResult(second, {
      kind: "success",
      amountKes: null,
      receipt: newReceipt(),
      transactionDate: null,
      source: "callback",
    });
    await settleOutbox(order.id);

    const alerts = inbox(SELLER.email).filter((m) => m.subject?.includes("needs your attention"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toMatch(/refund/i);
    expect(inbox(SELLER.phone).filter((m) => m.text.includes("needs attention"))).toHaveLength(1);
    // The shopper hears once, about the payment, not about the seller's problem.
    expect(inbox(`+${phone}`)).toHaveLength(1);
  });

  it("retries after gateway errors and delivers each message once", async () => {
    const { phone, email, order } = await checkoutWithEmail();
    harness.emulator.inbox.addFault({ target: "sms", kind: "error", count: 2 });
    harness.emulator.inbox.addFault({ target: "email", kind: "error", count: 2 });
    // Nothing is kicked until the callback: drain by hand so the faults hit known sends.
    await payOnPhone(phone);
    await waitFor(async () => {
      await drainNotifications();
      return (
        (await prisma.notification.count({ where: { orderId: order.id, lastError: { not: null } } })) >= 2
      );
    });
    const retrying = await prisma.notification.findMany({ where: { orderId: order.id, status: "QUEUED" } });
    expect(retrying.length).toBeGreaterThanOrEqual(2);
    expect(retrying.every((r) => r.nextAttemptAt > clock.now())).toBe(true);

    clock.advance(61);
    await drainNotifications();
    clock.advance(5 * 60 + 1);
    const rows = await settleOutbox(order.id);
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    expect(inbox(`+${phone}`)).toHaveLength(1);
    expect(inbox(email)).toHaveLength(1);
    expect(inbox()).toHaveLength(4);
  });

  it("gives up after the last retry and shows the message as failed with the gateway's reason", async () => {
    const { phone, order } = await checkoutWithEmail();
    harness.emulator.inbox.addFault({ target: "sms", kind: "error", probability: 1, to: `+${phone}` });
    await payOnPhone(phone);
    // Each wait outlasts the longest backoff (2 h): every drain finds the message due again.
    await waitFor(async () => {
      clock.advance(2 * 3600 + 1);
      await drainNotifications();
      const row = await prisma.notification.findFirst({
        where: { orderId: order.id, kind: "ORDER_CONFIRMATION", channel: "SMS" },
      });
      return row?.status === "FAILED";
    });
    const row = await prisma.notification.findFirstOrThrow({
      where: { orderId: order.id, kind: "ORDER_CONFIRMATION", channel: "SMS" },
    });
    expect(row).toMatchObject({ status: "FAILED", attempts: 5 });
    expect(row.lastError).toContain("500");
    expect(inbox(`+${phone}`)).toHaveLength(0);
  });

  it("gives up at once on a recipient the gateway refuses for good (blacklisted)", async () => {
    const { phone, order } = await checkoutWithEmail();
    harness.emulator.inbox.addFault({ target: "sms", kind: "reject", to: `+${phone}` });
    await payOnPhone(phone);
    await settleOutbox(order.id);
    const row = await prisma.notification.findFirstOrThrow({
      where: { orderId: order.id, kind: "ORDER_CONFIRMATION", channel: "SMS" },
    });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toContain("UserInBlacklist (406)");
  });

  it("cuts off a gateway that hangs and retries later", async () => {
    const { phone, order } = await checkoutWithEmail();
    harness.emulator.inbox.addFault({ target: "sms", kind: "timeout", to: `+${phone}` });
    configureNotifications({ ...localGateways(harness.emulator, 300), now: clock.now });
    await payOnPhone(phone);
    const started = Date.now();
    await waitFor(async () => {
      await drainNotifications();
      const row = await prisma.notification.findFirst({
        where: { orderId: order.id, kind: "ORDER_CONFIRMATION", channel: "SMS" },
      });
      return row?.status === "QUEUED" && row.attempts === 1 && row;
    });
    expect(Date.now() - started).toBeLessThan(5000);
    clock.advance(61);
    await settleOutbox(order.id);
    expect(inbox(`+${phone}`)).toHaveLength(1);
  });

  it("sends each message once when several drains run at the same time", async () => {
    const orders = [];
    for (let i = 0; i < 3; i++) {
      const o = await checkoutWithEmail();
      harness.emulator.control.fault({ target: "callback", kind: "drop" });
      await harness.emulator.control.pay(o.phone);
      orders.push(o);
    }
    // The callbacks were dropped: pay by query, so no after() kick races the drains below.
    clock.advance(120);
    for (const o of orders) await reconcileAttempt(o.attempt.id);
    await Promise.all([drainNotifications(), drainNotifications(), drainNotifications()]);
    for (const o of orders) await settleOutbox(o.order.id);
    // Paid by query, with no receipt yet: each order also flags an attention alert to the seller (2 messages).
    const rows = await prisma.notification.findMany({
      where: { orderId: { in: orders.map((o) => o.order.id) } },
    });
    expect(rows).toHaveLength(18);
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
    expect(inbox()).toHaveLength(18);
    expect(new Set(inbox().map((m) => `${m.to}|${m.text}`)).size).toBe(18);
  });

  it("sends what a request committed while the after-response drain was busy, before that drain ends", async () => {
    // The seller's first alert SMS hangs 800 ms at the gateway: the first kicked drain is still sending it.
    harness.emulator.inbox.addFault({ target: "sms", kind: "timeout", hangMs: 800, count: 1 });
    await enqueueTestMessages(prisma);
    const first = drainQuietly();
    await waitFor(async () => (await prisma.notification.count({ where: { status: "SENDING" } })) > 0, {
      what: "the first drain's claim",
    });
    const committedMeanwhile = new Date();
    await enqueueTestMessages(prisma);
    const second = drainQuietly();
    expect(second).toBe(first);
    await second;
    const later = await prisma.notification.findMany({
      where: { kind: "TEST", createdAt: { gte: committedMeanwhile } },
    });
    expect(later).toHaveLength(2);
    expect(later.every((r) => r.status === "SENT")).toBe(true);
    expect(inbox(SELLER.email)).toHaveLength(2);
    // The hung SMS waits for its retry; the second one went through.
    expect(inbox(SELLER.phone)).toHaveLength(1);
  });

  it("alerts the owner's email and SELLER_PHONE until alert recipients are set", async () => {
    await prisma.notificationSettings.deleteMany();
    await prisma.user.create({
      data: { email: "owner@shop.example.test", name: "Owner", passwordHash: "x", role: "OWNER" },
    });
    configureNotifications({ sellerPhone: "0711000222" });
    const { phone, order } = await checkoutWithEmail();
    await payOnPhone(phone);
    await settleOutbox(order.id);
    expect(inbox("owner@shop.example.test")).toHaveLength(1);
    expect(inbox("+254711000222")).toHaveLength(1);
  });

  it("queues nothing when the transition that would cause the messages rolls back", async () => {
    const { order } = await checkoutWithEmail();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueOrderNotifications(tx, { orderId: order.id, event: "paid" });
        throw new Error("the payment transaction failed after queueing");
      }),
    ).rejects.toThrow("after queueing");
    expect(await prisma.notification.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("sends nothing for a failed attempt", async () => {
    const { phone, order } = await checkoutWithEmail();
    await harness.emulator.control.cancel(phone);
    expect((await readOrder(order.publicId)).status).toBe("FAILED");
    await drainNotifications();
    expect(await prisma.notification.count({ where: { orderId: order.id } })).toBe(0);
    expect(inbox()).toHaveLength(0);
  });
});
