/**
 * A stored callback or confirmation whose apply fails every time ("poison": a success naming money another
 * order counted, a value the database refuses) ends with a final verdict saying why, after one apply or
 * replay, and is never replayed again; one that failed for a reason that may pass (Daraja not answering, the
 * database connection dropped) stays RECEIVED and is applied by a later replay.
 */
import { onEmbeddedDatabase } from "./support/embedded-db-pool";
import { beforeAll, describe, expect, it } from "vitest";
import type { C2bNotificationBody } from "@/emulator";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { buildTimeline } from "@/lib/dashboard/timeline";
import { getOrderDetail } from "@/lib/dashboard/orders";
import { orderMoney } from "@/lib/payments/core/money";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { listUnmatchedPayments } from "@/lib/payments/c2b/unmatched";
import { replayUnappliedC2b } from "@/lib/payments/c2b/confirmations";
import { listRefusedNotifications } from "@/lib/payments/shared/refused-notifications";
import { hashToken } from "@/lib/payments/shared/identifiers";
import { recordCallback, replayUnappliedCallbacks } from "@/lib/payments/stk/callbacks";
import {
  callbackBody,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  postCallback,
  readOrder,
  waitFor,
  waitForDelivery,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
let confirmUrl = "";

beforeAll(async () => {
  expect(await registerC2bUrls("owner@duka.test")).toMatchObject({ ok: true });
  confirmUrl = harness.emulator.control
    .c2bRegistrations()
    .find((r) => r.shortcode === env.mpesa.shortcode)!.confirmationUrl;
});

async function pendingPayment(priceKes: number) {
  const product = await createProduct({ stock: 2, priceKes });
  const phone = freshPhone();
  const paying = await checkoutOk(harness, product.id, phone);
  return {
    ...paying,
    phone,
    token: paying.token!,
    ids: { checkoutRequestId: paying.attempt.checkoutRequestId! },
  };
}

/** Stores a callback as the route does before it answers Daraja; applying it is left to the caller. */
const storeOnly = (token: string, rawBody: string) =>
  recordCallback({
    token,
    rawBody,
    headers: {},
    ipAllowed: true,
    truncated: false,
    cutOff: false,
    sourceIp: "196.201.214.200",
  });

const storedEvent = (token: string) =>
  prisma.callbackEvent.findFirstOrThrow({
    where: { token: hashToken(token) },
    orderBy: { receivedAt: "desc" },
  });

/** Whatever would show the order's money moving: its status, receipt, money, events and its prompt. */
async function moneyOf(publicId: string) {
  const order = await readOrder(publicId);
  const events = await prisma.orderEvent.findMany({
    where: { orderId: order.id, kind: { in: ["PAYMENT_RECEIVED", "FLAGGED", "ORDER_STATUS"] } },
    select: { kind: true, note: true },
  });
  const attempts = order.attempts.map((a) => [a.status, a.receipt, a.failureKind]);
  return {
    status: order.status,
    mpesaReceipt: order.mpesaReceipt,
    needsAttention: order.needsAttention,
    money: await orderMoney(prisma, order.id),
    events,
    attempts,
  };
}

/** A Pay Bill payment that paid an order: its TransID is now counted there. */
async function paidByPayBill(priceKes: number) {
  const paid = await pendingPayment(priceKes);
  const transaction = await harness.emulator.control.payBill(
    env.mpesa.shortcode,
    paid.order.reference,
    priceKes,
    paid.phone,
  );
  expect((await readOrder(paid.publicId)).status).toBe("PAID");
  // Its prompt, still ringing, is declined: settled before anyone looks at this order's money.
  await harness.emulator.control.cancel(paid.phone);
  await waitFor(async () => (await readOrder(paid.publicId)).attempts[0]!.status === "FAILED", {
    what: "the paid order's prompt declined",
  });
  return { ...paid, transId: transaction.transId };
}

/** A prompt paid by the shopper: its M-Pesa receipt is now counted on that order. */
async function paidByPrompt(priceKes: number) {
  const paid = await pendingPayment(priceKes);
  await harness.emulator.control.pay(paid.phone);
  const order = await waitFor(
    async () => {
      const now = await readOrder(paid.publicId);
      return now.status === "PAID" && now;
    },
    { what: "the prompt paid" },
  );
  return { ...paid, receipt: order.mpesaReceipt! };
}

describe("an STK success naming a receipt another order counted", () => {
  it("is REJECTED on its first replay, naming that order, never replayed again, and moves no money", async () => {
    const paid = await paidByPayBill(1610);
    const paidBefore = await moneyOf(paid.publicId);
    const target = await pendingPayment(1620);
    const forged = callbackBody(target.ids, {
      code: 0,
      amount: 1620,
      phone: target.phone,
      receipt: paid.transId,
    });
    const before = await moneyOf(target.publicId);
    await storeOnly(target.token, JSON.stringify(forged));
    clock.advance(31);

    expect(await replayUnappliedCallbacks(10)).toBe(1);
    expect(await storedEvent(target.token)).toMatchObject({
      verdict: "REJECTED",
      attemptId: target.attempt.id,
      reason: `replayed: receipt ${paid.transId} already counted on order ${paid.order.reference}`,
    });
    // Final: the next runs do not take it up again.
    clock.advance(60);
    expect(await replayUnappliedCallbacks(10)).toBe(0);
    // Neither order's money moved; the prompt still waits for its real result.
    expect(await moneyOf(target.publicId)).toEqual(before);
    expect(before).toMatchObject({ status: "PENDING", attempts: [["PENDING", null, null]] });
    expect(before.money.receivedKes).toBe(0);
    expect(await moneyOf(paid.publicId)).toEqual(paidBefore);

    // The seller sees it on the order's payment timeline, with the order the receipt is counted on.
    const timeline = buildTimeline((await getOrderDetail(target.order.reference))!);
    expect(timeline.find((e) => e.title.startsWith("M-Pesa callback"))).toMatchObject({
      tone: "warn",
      title: `M-Pesa callback (rejected: replayed: receipt ${paid.transId} already counted on order ${paid.order.reference})`,
    });
    // And on the Payments page, among what M-Pesa reported and nothing was counted from.
    expect(await listRefusedNotifications()).toContainEqual({
      id: (await storedEvent(target.token)).id,
      kind: "prompt",
      receivedAt: (await storedEvent(target.token)).receivedAt,
      orderReference: target.order.reference,
      reason: `receipt ${paid.transId} already counted on order ${paid.order.reference}`,
    });
    await harness.emulator.control.cancel(target.phone);
  });

  it("is REJECTED as soon as it is applied after the acknowledgement, without waiting for a replay", async () => {
    const paid = await paidByPayBill(1630);
    const target = await pendingPayment(1640);
    const before = await moneyOf(target.publicId);
    const forged = callbackBody(target.ids, {
      code: 0,
      amount: 1640,
      phone: target.phone,
      receipt: paid.transId,
    });
    expect(await postCallback(harness, target.token, forged)).toMatchObject({ status: 200 });
    expect(await storedEvent(target.token)).toMatchObject({
      verdict: "REJECTED",
      reason: `receipt ${paid.transId} already counted on order ${paid.order.reference}`,
    });
    expect(await moneyOf(target.publicId)).toEqual(before);
    clock.advance(31);
    expect(await replayUnappliedCallbacks(10)).toBe(0);
    await harness.emulator.control.cancel(target.phone);
  });
});

describe("a stored callback whose values the database refuses", () => {
  it("is REJECTED as not appliable after one apply, not replayed for ever, and changes nothing", async () => {
    const target = await pendingPayment(1650);
    const before = await moneyOf(target.publicId);
    // An amount no integer column holds: the wrong-amount flag's insert fails, every time it is tried.
    const body = callbackBody(target.ids, { code: 0, amount: 3_000_000_000, phone: target.phone });
    await storeOnly(target.token, JSON.stringify(body));
    clock.advance(31);
    expect(await replayUnappliedCallbacks(10)).toBe(1);
    expect(await storedEvent(target.token)).toMatchObject({
      verdict: "REJECTED",
      attemptId: target.attempt.id,
      reason: expect.stringMatching(/^replayed: cannot be applied: .*out of range.*\(SQLSTATE 22003\)$/),
    });
    expect(await moneyOf(target.publicId)).toEqual(before);
    clock.advance(60);
    expect(await replayUnappliedCallbacks(10)).toBe(0);
    expect(await listRefusedNotifications()).toContainEqual(
      expect.objectContaining({
        kind: "prompt",
        orderReference: target.order.reference,
        reason: expect.stringMatching(/^cannot be applied: /),
      }),
    );
    await harness.emulator.control.cancel(target.phone);
  });
});

describe("a callback whose apply fails for a reason that may pass", () => {
  it("stays RECEIVED while M-Pesa's status query goes unanswered, and pays the order once it answers", async () => {
    const target = await pendingPayment(1660);
    // The real payment happens, its callback held back while a wrong-amount one lands first.
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.pay(target.phone);
    await waitForDelivery(harness, target.ids.checkoutRequestId);
    await postCallback(
      harness,
      target.token,
      callbackBody(target.ids, { code: 0, amount: 1, phone: target.phone }),
    );
    expect(await readOrder(target.publicId)).toMatchObject({ status: "FAILED", needsAttention: true });
    const before = await moneyOf(target.publicId);

    // The right amount comes while Daraja's status query fails: nothing is known either way.
    harness.emulator.control.fault({ target: "query", kind: "error", probability: 1 });
    const genuine = callbackBody(target.ids, {
      code: 0,
      amount: 1660,
      receipt: "TPOISON660",
      phone: target.phone,
    });
    expect(await postCallback(harness, target.token, genuine)).toMatchObject({ status: 200 });
    expect(await storedEvent(target.token)).toMatchObject({
      verdict: "RECEIVED",
      reason: expect.stringMatching(/^not applied: status query failed/),
    });
    expect(await moneyOf(target.publicId)).toEqual(before);
    clock.advance(31);
    expect(await replayUnappliedCallbacks(10)).toBe(1);
    expect(await storedEvent(target.token)).toMatchObject({
      verdict: "RECEIVED",
      reason: expect.stringMatching(/^replayed: not applied: status query failed/),
    });
    expect(await moneyOf(target.publicId)).toEqual(before);

    // Daraja answers again: the next replay asks, and the confirmed payment pays the order.
    harness.emulator.control.clearFaults();
    clock.advance(31);
    expect(await replayUnappliedCallbacks(10)).toBe(1);
    expect(await storedEvent(target.token)).toMatchObject({ verdict: "APPLIED" });
    expect(await readOrder(target.publicId)).toMatchObject({ status: "PAID", mpesaReceipt: "TPOISON660" });
  });
});

// PGlite is one session: the test cannot hold a row lock, nor end another connection, while the apply runs.
describe.skipIf(onEmbeddedDatabase)("on a PostgreSQL server", () => {
  it("a callback whose database connection is dropped mid-apply stays RECEIVED, and a later replay pays", async () => {
    const target = await pendingPayment(1670);
    const body = callbackBody(target.ids, {
      code: 0,
      amount: 1670,
      receipt: "TDROP00670",
      phone: target.phone,
    });
    await storeOnly(target.token, JSON.stringify(body));
    clock.advance(31);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${target.order.id} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    const replay = replayUnappliedCallbacks(10);
    // The apply waits for the order's lock; its connection is then cut, as a database restart would.
    const [waiting] = await waitFor(
      () =>
        prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`.then(
          (rows) => (rows.length > 0 ? rows : null),
        ),
      { what: "the apply waiting for the order's lock" },
    );
    await prisma.$queryRaw`SELECT pg_terminate_backend(${waiting!.pid}::int)::text`;
    expect(await replay).toBe(1);
    release();
    await holder;
    expect(await storedEvent(target.token)).toMatchObject({
      verdict: "RECEIVED",
      reason: expect.stringMatching(/^replayed: not applied: /),
    });
    expect((await readOrder(target.publicId)).status).toBe("PENDING");

    clock.advance(31);
    expect(await replayUnappliedCallbacks(10)).toBe(1);
    expect(await storedEvent(target.token)).toMatchObject({ verdict: "APPLIED" });
    expect(await readOrder(target.publicId)).toMatchObject({ status: "PAID", mpesaReceipt: "TDROP00670" });
    await harness.emulator.control.cancel(target.phone).catch(() => undefined);
  });
});

describe("a Pay Bill confirmation", () => {
  const confirmation = (fields: Partial<C2bNotificationBody>): C2bNotificationBody => ({
    TransactionType: "Pay Bill",
    TransID: `P${Date.now().toString(36).toUpperCase()}N`,
    TransTime: "20261129104512",
    TransAmount: "1680.00",
    BusinessShortCode: env.mpesa.shortcode,
    BillRefNumber: "nothing",
    InvoiceNumber: "",
    OrgAccountBalance: "49197.00",
    ThirdPartyTransID: "",
    MSISDN: "2547 ***** 149",
    FirstName: "JOHN",
    MiddleName: "",
    LastName: "",
    ...fields,
  });

  it("the shop could not record is listed on the Payments page with why, and one merely waiting is not", async () => {
    // As the confirmation route leaves them: one refused for good, one left for the reconcile job.
    const at = new Date(clock.now().getTime() - 5 * 60_000);
    const reason = "cannot be applied: value out of range (SQLSTATE 22003)";
    const [refused] = await Promise.all([
      prisma.c2bEvent.create({
        data: {
          kind: "CONFIRMATION",
          rawBody: "{}",
          headers: {},
          verdict: "REJECTED",
          reason,
          receivedAt: at,
        },
      }),
      prisma.c2bEvent.create({
        data: {
          kind: "CONFIRMATION",
          rawBody: "{}",
          headers: {},
          verdict: "RECEIVED",
          reason: "not applied: timeout",
          receivedAt: at,
        },
      }),
    ]);
    const listed = (await listRefusedNotifications()).filter((n) => n.kind === "paybill");
    expect(listed).toEqual([
      { id: refused.id, kind: "paybill", receivedAt: at, orderReference: null, reason },
    ]);
    await prisma.c2bEvent.deleteMany({ where: { receivedAt: at } });
  });

  it("with a NUL in its account number is recorded for the seller, not failed on every replay", async () => {
    const target = await pendingPayment(1680);
    const body = confirmation({ BillRefNumber: `${target.order.reference}\u0000`, MSISDN: "2547\u0000149" });
    const answer = await fetch(confirmUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(200);
    const event = await prisma.c2bEvent.findFirstOrThrow({ where: { transId: body.TransID } });
    expect(event.verdict).toBe("APPLIED");
    // The account number is not an order's as typed: the seller finds it among unmatched payments.
    const unmatched = await listUnmatchedPayments();
    expect(unmatched.find((p) => p.transId === body.TransID)).toMatchObject({
      amountKes: 1680,
      status: "UNMATCHED",
      billRefNumber: `${target.order.reference}\uFFFD`,
    });
    clock.advance(31);
    expect(await replayUnappliedC2b()).toBe(0);
    await harness.emulator.control.cancel(target.phone);
  });

  it("naming a receipt another order counted is final, and leaves both orders' money as it was", async () => {
    const paid = await paidByPrompt(1690);
    const paidBefore = await moneyOf(paid.publicId);
    const target = await pendingPayment(1695);
    const before = await moneyOf(target.publicId);
    // Stored, not applied (the instance died first): the reconcile job replays it.
    const body = confirmation({
      TransID: paid.receipt,
      BillRefNumber: target.order.reference,
      TransAmount: "1695.00",
    });
    const stored = await prisma.c2bEvent.create({
      data: {
        kind: "CONFIRMATION",
        rawBody: JSON.stringify(body),
        headers: {},
        receivedAt: new Date(clock.now().getTime() - 60_000),
      },
    });
    expect(await replayUnappliedC2b()).toBe(1);
    expect(await prisma.c2bEvent.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      verdict: "DUPLICATE",
      reason: `replayed: ${paid.receipt} already counted`,
    });
    clock.advance(60);
    expect(await replayUnappliedC2b()).toBe(0);
    expect(await moneyOf(target.publicId)).toEqual(before);
    expect(await moneyOf(paid.publicId)).toEqual(paidBefore);
    await harness.emulator.control.cancel(target.phone);
  });
});
