/** Africa's Talking delivery reports over real HTTP: the emulator's SMS stand-in reports to our route. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { Notification } from "@/lib/generated/prisma/client";
import { configureNotifications } from "@/lib/notifications/context";
import { drainNotifications } from "@/lib/notifications/drain";
import { startCheckout } from "@/lib/payments/stk/checkout";
import {
  HARNESS_DELIVERY_TOKEN,
  clock,
  createProduct,
  freshPhone,
  readOrder,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";
import { localGateways } from "./support/notifications";

const harness = withPaymentsHarness({ smsDeliveryReports: true });

beforeEach(async () => {
  harness.emulator.inbox.clear();
  harness.emulator.inbox.clearFaults();
  configureNotifications({ ...localGateways(harness.emulator), now: clock.now });
  // Alerts off: only the shopper's SMS (and no email, none given) is sent.
  await prisma.notificationSettings.upsert({
    where: { id: "shop" },
    update: { smsEnabled: false, emailEnabled: false, alertPhones: [], alertEmails: [] },
    create: { smsEnabled: false, emailEnabled: false, alertPhones: [], alertEmails: [] },
  });
});

/** Checkout, pay on the emulator's phone, let the callback reach our route, drain: the shopper's SMS row. */
async function paidOrderSms(): Promise<{ phone: string; sms: Notification }> {
  const product = await createProduct({ stock: 5, priceKes: 700 });
  const phone = freshPhone();
  const result = await startCheckout({
    lines: [{ variantId: product.variantId, quantity: 1 }],
    customerName: "Wanjiru Test",
    phone,
    delivery: { key: "pickup", seenFeeKes: 0 },
    clientIp: null,
    checkoutKey: randomBytes(12).toString("hex"),
  });
  if (!result.ok) throw new Error(result.message);
  const delivery = await harness.emulator.control.pay(phone);
  expect(delivery.status).toBe(200);
  const order = await readOrder(result.publicId);
  expect(order.status).toBe("PAID");
  await drainNotifications();
  // The callback route kicks a drain of its own: the SMS may still be in flight there, so wait until it left.
  const sms = await waitFor(
    async () =>
      prisma.notification.findFirst({
        where: { orderId: order.id, channel: "SMS", recipient: `+${phone}`, providerId: { not: null } },
      }),
    { what: "the shopper's SMS sent" },
  );
  return { phone, sms };
}

const row = (id: string) => prisma.notification.findUniqueOrThrow({ where: { id } });

function waitForStatus(id: string, status: Notification["status"]) {
  return waitFor(
    async () => {
      const current = await row(id);
      return current.status === status && current;
    },
    { what: `notification ${id} ${status}` },
  );
}

function postReport(form: Record<string, string>, token = HARNESS_DELIVERY_TOKEN) {
  return fetch(`${harness.bridgeUrl}/api/notifications/sms-delivery/${token}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

describe("SMS delivery reports", () => {
  it("marks a paid order's SMS DELIVERED once the gateway reports Success", async () => {
    const { phone, sms } = await paidOrderSms();
    expect(harness.emulator.inbox.list(`+${phone}`)).toHaveLength(1);
    expect(sms.providerId).toMatch(/^ATXid_/);
    const delivered = await waitForStatus(sms.id, "DELIVERED");
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
    expect(delivered.sentAt).toBeInstanceOf(Date);
    expect(delivered.lastError).toBeNull();
  });

  it("marks it FAILED with the gateway's reason when the report says Failed", async () => {
    harness.emulator.inbox.addFault({
      target: "sms",
      kind: "undelivered",
      failureReason: "AbsentSubscriber",
    });
    const { sms } = await paidOrderSms();
    const failed = await waitForStatus(sms.id, "FAILED");
    expect(failed.lastError).toContain("AbsentSubscriber");
    expect(failed.deliveredAt).toBeNull();
  });

  it("answers 404 to a wrong token and changes nothing", async () => {
    const { sms } = await paidOrderSms();
    await waitForStatus(sms.id, "DELIVERED");
    const other = await prisma.notification.create({
      data: {
        idempotencyKey: `dlr-test:${randomBytes(6).toString("hex")}`,
        kind: "TEST",
        channel: "SMS",
        recipient: "+254711000123",
        text: "test",
        status: "SENT",
        sentAt: new Date(),
        providerId: `ATXid_${randomBytes(16).toString("hex")}`,
      },
    });
    const response = await postReport(
      { id: other.providerId!, status: "Success", phoneNumber: "+254711000123", networkCode: "63902" },
      "not-the-token-at-all-000",
    );
    expect(response.status).toBe(404);
    expect(await row(other.id)).toEqual(other);
    // Intermediate states (Sent, Buffered, Submitted) are acknowledged and change nothing either.
    const buffered = await postReport({ id: other.providerId!, status: "Buffered" });
    expect(buffered.status).toBe(200);
    expect(await row(other.id)).toEqual(other);
  });

  it("changes nothing on a replay or a later contrary report, and still answers 200", async () => {
    const { sms } = await paidOrderSms();
    const delivered = await waitForStatus(sms.id, "DELIVERED");
    const replay = await postReport({ id: sms.providerId!, status: "Success", phoneNumber: sms.recipient });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, changed: false });
    const contrary = await postReport({
      id: sms.providerId!,
      status: "Failed",
      failureReason: "AbsentSubscriber",
    });
    expect(contrary.status).toBe(200);
    expect(await row(sms.id)).toEqual(delivered);
    const unknown = await postReport({ id: "ATXid_unknown", status: "Success" });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ received: true, changed: false });
  });

  it("applies a report that arrives before the drain has recorded the send", async () => {
    // The gateway has accepted the SMS and answered its messageId; the drain is about to record it.
    const providerId = `ATXid_${randomBytes(16).toString("hex")}`;
    const sending = await prisma.notification.create({
      data: {
        idempotencyKey: `dlr-early:${randomBytes(6).toString("hex")}`,
        kind: "TEST",
        channel: "SMS",
        recipient: "+254711000124",
        text: "test",
        status: "SENDING",
      },
    });
    const report = postReport({ id: providerId, status: "Success", phoneNumber: "+254711000124" });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await prisma.notification.update({
      where: { id: sending.id },
      data: { status: "SENT", sentAt: new Date(), providerId },
    });
    const response = await report;
    expect(await response.json()).toEqual({ received: true, changed: true });
    expect((await row(sending.id)).status).toBe("DELIVERED");
  });

  it("answers 400 with a reason to a malformed report", async () => {
    const noId = await postReport({ status: "Success" });
    expect(noId.status).toBe(400);
    expect(((await noId.json()) as { error: string }).error).toContain("id");
    const badStatus = await postReport({ id: "ATXid_x", status: "Delivered" });
    expect(badStatus.status).toBe(400);
    expect(((await badStatus.json()) as { error: string }).error).toContain("status");
  });
});
