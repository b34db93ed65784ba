/** Money back through M-Pesa (issue 25): Reversal and B2C against the emulator over HTTP, results to our route. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDarajaClient, securityCredential, certificateFor } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { orderEvents } from "@/lib/payments/core/events";
import { orderMoney } from "@/lib/payments/core/money";
import { env } from "@/lib/env";
import { drainNotifications } from "@/lib/notifications/drain";
import { readOrderView } from "@/lib/orders/order-view";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { accountNumberOf } from "@/lib/payments/c2b/account";
import { configurePayments } from "@/lib/payments/shared/context";
import { reconcileRefunds } from "@/lib/payments/refunds/reconcile";
import { startRefund } from "@/lib/payments/refunds/send";
import {
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  stockOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const SHORTCODE = env.mpesa.shortcode;

beforeAll(async () => {
  expect(await registerC2bUrls("owner@duka.test")).toMatchObject({ ok: true });
});
afterEach(() => void harness.emulator.control.setOptions({ c2bValidation: true }));

async function paidOrder(priceKes = 1800, stock = 3) {
  const product = await createProduct({ stock, priceKes });
  const phone = freshPhone();
  const { order } = await checkoutOk(harness, product.id, phone);
  await harness.emulator.control.pay(phone);
  await waitFor(
    async () => (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status === "PAID",
    {
      what: "order paid",
    },
  );
  const receipt = (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).mpesaReceipt!;
  return { order, phone, product, receipt };
}

const key = () => randomBytes(12).toString("hex");
const refundOf = (id: string) => prisma.refund.findUniqueOrThrow({ where: { id } });
const settled = (id: string) =>
  waitFor(
    async () => {
      const refund = await refundOf(id);
      return ["SUCCEEDED", "FAILED", "UNKNOWN"].includes(refund.status) && refund;
    },
    { what: "refund settled" },
  );
const ask = (
  orderId: string,
  amountKes: number,
  extra: { restock?: boolean; idempotencyKey?: string } = {},
) =>
  startRefund({
    orderId,
    amountKes,
    reason: "Out of stock",
    restock: extra.restock ?? false,
    idempotencyKey: extra.idempotencyKey ?? key(),
    by: "owner@duka.test",
  });
const moneyOutFor = (
  predicate: (m: { transactionId?: string; partyB?: string; originatorConversationId: string }) => boolean,
) => harness.emulator.control.moneyOut().filter(predicate);

describe("refunds through M-Pesa", () => {
  it("reverses a whole single payment, puts the stock back, and tells the shopper by SMS", async () => {
    const { order, phone, product, receipt } = await paidOrder(1800, 3);
    // The shopper gave an email too: the refund's confirmation goes there as well.
    await prisma.order.update({ where: { id: order.id }, data: { email: "wanjiru@example.test" } });
    expect(await stockOf(product.id)).toBe(2);
    const asked = await ask(order.id, 1800, { restock: true });
    expect(asked).toMatchObject({ ok: true, refund: { method: "REVERSAL", originalReceipt: receipt } });
    const refund = await settled(asked.ok ? asked.refund.id : "");
    expect(refund).toMatchObject({ status: "SUCCEEDED", amountKes: 1800, phone });
    expect(refund.receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(moneyOutFor((m) => m.transactionId === receipt)).toEqual([
      expect.objectContaining({ api: "reversal", amount: 1800, resultCode: "0" }),
    ]);
    expect(await stockOf(product.id)).toBe(3);
    expect(await orderMoney(prisma, order.id)).toMatchObject({
      receivedKes: 1800,
      refundedKes: 1800,
      balanceKes: 0,
    });
    const history = (await orderEvents(prisma, order.id))
      .map((e) => e.kind)
      .filter((k) => k.startsWith("REFUND"));
    expect(history).toEqual(["REFUND_REQUESTED", "REFUND_SENT", "REFUND_SUCCEEDED"]);
    await drainNotifications();
    const refundSms = () =>
      harness.emulator.inbox
        .list()
        .filter((m) => m.channel === "sms" && m.to === `+${phone}` && m.text.includes("refund"));
    const sms = await waitFor(() => refundSms().length > 0 && refundSms(), { what: "refund SMS" });
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain(order.reference);
    expect(sms[0]!.text).toContain(refund.receipt!);
    const email = await waitFor(
      () =>
        harness.emulator.inbox
          .list()
          .find(
            (m) =>
              m.channel === "email" && m.to === "wanjiru@example.test" && m.text.includes(refund.receipt!),
          ),
      { what: "refund email" },
    );
    expect(email.text).toContain(order.reference);
    expect(email.text).toContain("1,800");
    // The shopper's order page shows it, with the refund's own M-Pesa reference.
    expect((await readOrderView(order.publicId))!.refunds).toEqual([
      { amountKes: 1800, state: "sent", receipt: refund.receipt, at: refund.completedAt!.toISOString() },
    ]);
  });

  it("sends part of an order by B2C to the paying phone, for exactly that amount", async () => {
    const { order, phone } = await paidOrder(2000);
    const asked = await ask(order.id, 300);
    expect(asked).toMatchObject({ ok: true, refund: { method: "B2C", phone } });
    const refund = await settled(asked.ok ? asked.refund.id : "");
    expect(refund.status).toBe("SUCCEEDED");
    expect(moneyOutFor((m) => m.originatorConversationId === refund.originatorConversationId)).toEqual([
      {
        api: "b2c",
        amount: 300,
        partyB: phone,
        originatorConversationId: refund.originatorConversationId,
        resultCode: "0",
      },
    ]);
    // What is left to refund is what came in minus what went out: 1,700 at most now.
    expect(await ask(order.id, 1701)).toMatchObject({
      ok: false,
      error: "At most KES 1,700 can still be refunded.",
    });
  });

  it("sends an over-payment's excess back by B2C", async () => {
    // With M-Pesa's validation off (most shortcodes), a Pay Bill payment can be more than the order.
    harness.emulator.control.setOptions({ c2bValidation: false });
    const product = await createProduct({ stock: 2, priceKes: 1000 });
    const { order } = await checkoutOk(harness, product.id, freshPhone());
    const payer = freshPhone();
    await harness.emulator.control.payBill(SHORTCODE, accountNumberOf(order.reference), 1250, payer);
    await waitFor(
      async () => (await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status === "PAID",
    );
    const asked = await ask(order.id, 250);
    expect(asked).toMatchObject({ ok: true, refund: { method: "B2C" } });
    expect((await settled(asked.ok ? asked.refund.id : "")).status).toBe("SUCCEEDED");
  });

  it("sends an unmatched Pay Bill payment back by reversal, once", async () => {
    harness.emulator.control.setOptions({ c2bValidation: false });
    const payment = await harness.emulator.control.payBill(SHORTCODE, "NOSUCHORDER", 640, freshPhone());
    const row = await waitFor(() =>
      prisma.c2bPayment.findFirst({ where: { transId: payment.transId, status: "UNMATCHED" } }),
    );
    const input = {
      c2bPaymentId: row.id,
      amountKes: 640,
      reason: "Unknown payment",
      restock: false,
      by: "owner@duka.test",
    };
    const asked = await startRefund({ ...input, idempotencyKey: key() });
    expect(asked).toMatchObject({
      ok: true,
      refund: { method: "REVERSAL", originalReceipt: payment.transId },
    });
    expect((await settled(asked.ok ? asked.refund.id : "")).status).toBe("SUCCEEDED");
    expect((await prisma.c2bPayment.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("REFUNDED");
    expect(await startRefund({ ...input, idempotencyKey: key() })).toMatchObject({ ok: false });
    expect(moneyOutFor((m) => m.transactionId === payment.transId)).toHaveLength(1);
  });

  it("fails in words on a wrong initiator credential (2001), with nothing refunded", async () => {
    const { order } = await paidOrder(900);
    configurePayments({
      daraja: createDarajaClient({
        ...env.mpesa,
        env: "emulator",
        baseUrl: harness.emulator.url,
        initiator: {
          name: "duka-emulator-initiator",
          securityCredential: securityCredential("not the password", certificateFor("emulator")),
          b2cShortcode: SHORTCODE,
        },
      }),
    });
    const asked = await ask(order.id, 900);
    const refund = await settled(asked.ok ? asked.refund.id : "");
    expect(refund).toMatchObject({ status: "FAILED", resultCode: "2001" });
    expect(refund.sellerMessage).toMatch(/refused the initiator's credentials/);
    configurePayments(harness.defaults);
    // A failed refund holds no money: the whole amount can still go back.
    expect((await settled((await ask(order.id, 900)).refund!.id)).status).toBe("SUCCEEDED");
  });

  it("fails in words when the B2C balance is too low", async () => {
    const { order } = await paidOrder(1500);
    harness.emulator.control.setB2cBalance(100);
    try {
      const asked = await ask(order.id, 400);
      const refund = await settled(asked.ok ? asked.refund.id : "");
      expect(refund).toMatchObject({ status: "FAILED", resultCode: "1" });
      expect(refund.sellerMessage).toMatch(/too little balance/);
    } finally {
      harness.emulator.control.setB2cBalance(100_000);
    }
  });

  it("answers the seller with M-Pesa's refusal when the request is refused at once, and a new try can send", async () => {
    const { order } = await paidOrder(900);
    harness.emulator.control.fault({ target: "initiator", kind: "error" });
    const asked = await ask(order.id, 300);
    // The seller reads the answer the send got, not the refund as it was before it left.
    expect(asked).toMatchObject({ ok: true, refund: { status: "FAILED", amountKes: 300 } });
    expect(asked.ok && asked.refund.sellerMessage).toMatch(/^M-Pesa refused the request/);
    const again = await ask(order.id, 900);
    expect(again).toMatchObject({ ok: true, refund: { status: "SENT", amountKes: 900 } });
    expect(await settled(again.ok ? again.refund.id : "")).toMatchObject({ status: "SUCCEEDED" });
  });

  it("settles a refund whose result was lost with Transaction Status, from the reconcile job", async () => {
    const { order } = await paidOrder(1200);
    harness.emulator.control.fault({ target: "result", kind: "drop" });
    const asked = await ask(order.id, 200);
    const id = asked.ok ? asked.refund.id : "";
    await waitFor(async () => (await refundOf(id)).status === "SENT");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await refundOf(id)).status).toBe("SENT");
    clock.advance(130);
    await reconcileRefunds();
    expect(await prisma.statusCheck.count({ where: { refundId: id } })).toBe(1);
    const refund = await settled(id);
    expect(refund).toMatchObject({ status: "SUCCEEDED", resultDesc: "Confirmed by Transaction Status" });
    expect(refund.receipt).toMatch(/^[A-Z0-9]{10}$/);
  });

  it("a reversal whose result was lost is confirmed by the original payment now showing Reversed", async () => {
    const { order } = await paidOrder(700);
    harness.emulator.control.fault({ target: "result", kind: "queueTimeout" });
    const asked = await ask(order.id, 700);
    const id = asked.ok ? asked.refund.id : "";
    await waitFor(
      async () =>
        (await prisma.initiatorResultEvent.count({ where: { refundId: id, kind: "timeout" } })) === 1,
    );
    clock.advance(130);
    await reconcileRefunds();
    expect((await settled(id)).status).toBe("SUCCEEDED");
  });

  it("applies duplicate and late results once", async () => {
    const { order } = await paidOrder(1000);
    harness.emulator.control.fault({ target: "result", kind: "duplicate" });
    const asked = await ask(order.id, 100);
    const id = asked.ok ? asked.refund.id : "";
    await waitFor(async () => (await prisma.initiatorResultEvent.count({ where: { refundId: id } })) === 2);
    const events = await prisma.initiatorResultEvent.findMany({
      where: { refundId: id },
      orderBy: { receivedAt: "asc" },
    });
    await waitFor(
      async () =>
        (await prisma.initiatorResultEvent.count({ where: { refundId: id, verdict: "received" } })) === 0,
    );
    const verdicts = (await prisma.initiatorResultEvent.findMany({ where: { refundId: id } }))
      .map((e) => e.verdict)
      .sort();
    expect(verdicts).toEqual(["applied: succeeded", "duplicate"]);
    expect(events).toHaveLength(2);

    // A late result for a refund Transaction Status already settled changes nothing either.
    harness.emulator.control.fault({ target: "result", kind: "delay", delayMs: 1500 });
    const late = await ask(order.id, 100);
    const lateId = late.ok ? late.refund.id : "";
    await waitFor(async () => (await refundOf(lateId)).status === "SENT");
    clock.advance(130);
    await reconcileRefunds();
    expect((await settled(lateId)).resultDesc).toBe("Confirmed by Transaction Status");
    await waitFor(
      async () =>
        (await prisma.initiatorResultEvent.count({ where: { refundId: lateId, kind: "done" } })) === 1,
      { timeoutMs: 5000 },
    );
    await waitFor(
      async () =>
        (await prisma.initiatorResultEvent.findFirst({ where: { refundId: lateId, kind: "done" } }))
          ?.verdict === "duplicate",
    );
    expect(
      moneyOutFor(
        (m) => m.originatorConversationId === (late.ok ? late.refund.originatorConversationId : ""),
      ),
    ).toHaveLength(1);
  });

  it("never sends more than was received, whatever races: one key sends once, rival requests are refused", async () => {
    const { order } = await paidOrder(1600);
    const sameKey = key();
    const twice = await Promise.all([
      ask(order.id, 1600, { idempotencyKey: sameKey }),
      ask(order.id, 1600, { idempotencyKey: sameKey }),
    ]);
    expect(twice.every((r) => r.ok)).toBe(true);
    expect(new Set(twice.map((r) => r.refund?.id)).size).toBe(1);

    const { order: second } = await paidOrder(1000);
    const racing = await Promise.all(Array.from({ length: 8 }, () => ask(second.id, 400)));
    const accepted = racing.filter((r) => r.ok);
    expect(accepted).toHaveLength(2);
    for (const r of accepted) await settled(r.refund!.id);
    const refunds = await prisma.refund.findMany({ where: { orderId: second.id } });
    expect(refunds.reduce((sum, r) => sum + r.amountKes, 0)).toBe(800);
    expect(refunds.every((r) => r.status === "SUCCEEDED")).toBe(true);
    expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("refuses a result on an unknown token and stores nothing for it", async () => {
    const response = await fetch(`${harness.bridgeUrl}/api/payments/result/${"ab".repeat(24)}/done`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Result: { ResultCode: 0, ConversationID: "AG_1" } }),
    });
    expect(response.status).toBe(200);
    expect(await prisma.initiatorResultEvent.count({ where: { rawBody: { contains: 'AG_1"' } } })).toBe(0);
  });
});
