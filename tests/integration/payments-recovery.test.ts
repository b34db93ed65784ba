/** Daraja faults: a lost callback, a push that never answered, a push that failed; and how each settles. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashToken } from "@/lib/payments/shared/identifiers";
import { expireDueOrders, reconcileAll } from "@/lib/payments/stk/reconcile";
import { retryPayment } from "@/lib/payments/stk/retry";
import {
  callbackBody,
  callbackEvents,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  postCallback,
  readOrder,
  stockOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

const pushCalls = () =>
  harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpush/v1/processrequest");
const queryCalls = () =>
  harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpushquery/v1/query");

describe("recovery", () => {
  it("recovers a dropped callback by STK query once the attempt is over 60 s old", async () => {
    const product = await createProduct({ stock: 3, priceKes: 810 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    const delivery = await harness.emulator.control.pay(phone);
    expect(delivery.error).toBe("dropped by fault");
    expect((await readOrder(publicId)).status).toBe("PENDING");

    // Too early: nothing is queried.
    await reconcileAll();
    expect(queryCalls()).toHaveLength(0);

    clock.advance(61);
    const summary = await reconcileAll();
    expect(summary.answers).toEqual({ "final 0": 1 });
    const order = await readOrder(publicId);
    expect(order.status).toBe("PAID");
    expect(order.paidAt).not.toBeNull();
    expect(order.mpesaReceipt).toBeNull();
    expect(order.needsAttention).toBe(true);
    expect(order.attentionReason).toMatch(/receipt/i);
    expect(order.attempts[0]).toMatchObject({
      id: attempt.id,
      status: "SUCCEEDED",
      receiptPending: true,
      receipt: null,
      queryCount: 1,
    });
    expect(await stockOf(product.id)).toBe(2);
    expect(await callbackEvents(attempt.id)).toHaveLength(0);

    // Settled: later runs do not ask again.
    clock.advance(30);
    await reconcileAll();
    expect(queryCalls()).toHaveLength(1);
  });

  it("leaves a push that timed out UNKNOWN, never resends, and lets the callback settle it", async () => {
    const product = await createProduct({ stock: 3, priceKes: 820 });
    const phone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true });
    const started = Date.now();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(attempt).toMatchObject({ status: "UNKNOWN", checkoutRequestId: null });
    expect((await readOrder(publicId)).status).toBe("PENDING");
    expect(harness.emulator.control.ledger(phone).entries).toHaveLength(1);

    // Nothing to query without a CheckoutRequestID, and nothing is pushed again.
    clock.advance(90);
    await reconcileAll();
    clock.reset();

    const delivery = await harness.emulator.control.pay(phone);
    expect(delivery.status).toBe(200);
    const order = await readOrder(publicId);
    expect(order.status).toBe("PAID");
    expect(order.mpesaReceipt).toBe(harness.emulator.control.ledger(phone).entries[0]!.receipt);
    expect(order.attempts).toHaveLength(1);
    expect(order.attempts[0]).toMatchObject({
      status: "SUCCEEDED",
      checkoutRequestId: delivery.checkoutRequestId,
      receiptPending: false,
    });
    expect(harness.emulator.control.ledger(phone).entries).toHaveLength(1);
    expect(pushCalls().filter((c) => c.fault?.startsWith("hang"))).toHaveLength(1);
  });

  it("fails the attempt and the order when the push gets a 500, and allows a retry that can pay", async () => {
    const product = await createProduct({ stock: 3, priceKes: 830 });
    const phone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "error" });
    const { publicId } = await checkoutOk(harness, product.id, phone);
    let order = await readOrder(publicId);
    expect(order.status).toBe("FAILED");
    expect(order.attempts[0]).toMatchObject({ status: "FAILED", mayRetry: true, checkoutRequestId: null });
    expect(order.attempts[0]!.resultCode).toBe("500.003.1001");
    expect(harness.emulator.control.ledger(phone).entries).toHaveLength(0);
    expect(order.stockReserved).toBe(true);

    expect(await retryPayment(publicId)).toEqual({ ok: true });
    order = await readOrder(publicId);
    expect(order.status).toBe("PENDING");
    expect(order.attempts.map((a) => a.status)).toEqual(["FAILED", "PENDING"]);
    await harness.emulator.control.pay(phone);
    order = await readOrder(publicId);
    expect(order.status).toBe("PAID");
    expect(order.attempts.map((a) => a.status)).toEqual(["FAILED", "SUCCEEDED"]);
    expect(await stockOf(product.id)).toBe(2);
  });

  it("settles a query-confirmed payment's receipt when its callback comes late", async () => {
    const product = await createProduct({ stock: 3, priceKes: 840 });
    const phone = freshPhone();
    const { publicId, token } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    const dropped = await harness.emulator.control.pay(phone);
    clock.advance(61);
    await reconcileAll();
    expect((await readOrder(publicId)).attempts[0]).toMatchObject({
      status: "SUCCEEDED",
      receiptPending: true,
    });
    // The same callback, as if Daraja's delivery had been slow rather than lost.
    expect((await postCallback(harness, token!, dropped.body)).status).toBe(200);
    const order = await readOrder(publicId);
    const receipt = harness.emulator.control.ledger(phone).entries[0]!.receipt;
    expect(order).toMatchObject({ status: "PAID", mpesaReceipt: receipt });
    expect(order.attempts[0]).toMatchObject({ status: "SUCCEEDED", receiptPending: false, receipt });
  });
});

describe("recovery when nothing answers", () => {
  it("backs off between queries, then gives up: the attempt becomes unknown and the seller is told", async () => {
    const product = await createProduct({ stock: 3, priceKes: 870 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    // The prompt stays open (no answer) and every query says "being processed".
    clock.advance(61);
    const seen: number[] = [];
    for (let step = 0; step < 80; step++) {
      await reconcileAll();
      seen.push(queryCalls().filter((c) => c.checkoutRequestId === attempt.checkoutRequestId).length);
      clock.advance(10);
    }
    const queries = seen.at(-1)!;
    expect(queries).toBe(7);
    // Spaced out, not one per run: the 7 queries span far more than 7 of the 80 runs.
    expect(seen.indexOf(queries)).toBeGreaterThan(40);
    const order = await readOrder(publicId);
    expect(order.attempts[0]!.status).toBe("UNKNOWN");
    expect(order.needsAttention).toBe(true);
    expect(order.attentionReason).toMatch(/never confirmed/);
    await harness.emulator.control.cancel(phone);
  });

  it("calls a push that died before its answer was recorded unknown, so the shopper can try again", async () => {
    const product = await createProduct({ stock: 3, priceKes: 880 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    await prisma.paymentAttempt.update({
      where: { id: attempt.id },
      data: { checkoutRequestId: null, merchantRequestId: null },
    });
    clock.advance(60);
    await reconcileAll();
    expect((await readOrder(publicId)).attempts[0]!.status).toBe("PENDING");
    clock.advance(61);
    expect(await reconcileAll()).toMatchObject({ stranded: 1 });
    expect((await readOrder(publicId)).attempts[0]!.status).toBe("UNKNOWN");
    expect(await retryPayment(publicId)).toEqual({ ok: true });
    await harness.emulator.control.cancel(phone);
  });

  it("applies a callback that was recorded but not applied, from its stored body", async () => {
    const product = await createProduct({ stock: 3, priceKes: 890 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const body = callbackBody(
      { checkoutRequestId: attempt.checkoutRequestId! },
      { code: 0, amount: 890, phone },
    );
    // As if the database failed between recording the event and applying it.
    await prisma.callbackEvent.create({
      data: {
        token: hashToken(token!),
        rawBody: JSON.stringify(body),
        headers: {},
        verdict: "RECEIVED",
        receivedAt: clock.now(),
      },
    });
    await reconcileAll();
    expect((await readOrder(publicId)).status).toBe("PENDING");
    clock.advance(31);
    expect(await reconcileAll()).toMatchObject({ replayed: 1 });
    expect((await readOrder(publicId)).status).toBe("PAID");
    const [event] = await prisma.callbackEvent.findMany({ where: { token: hashToken(token!) } });
    expect(event).toMatchObject({
      verdict: "APPLIED",
      attemptId: attempt.id,
      reason: expect.stringMatching(/^replayed/),
    });
    await harness.emulator.control.cancel(phone).catch(() => undefined);
  });
});

describe("a prompt nobody can account for", () => {
  it("flags the order for the seller when it expires with a push whose outcome never arrived", async () => {
    const product = await createProduct({ stock: 3, priceKes: 895 });
    const phone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true });
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    expect(attempt).toMatchObject({ status: "UNKNOWN", checkoutRequestId: null });
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.pay(phone);

    clock.advance(31 * 60);
    await reconcileAll();
    const order = await readOrder(publicId);
    expect(order.status).toBe("EXPIRED");
    expect(await stockOf(product.id)).toBe(3);
    expect(order.needsAttention).toBe(true);
    expect(order.attentionReason).toMatch(/never reported/);
  });

  it("flags it too when the instance died mid-push and the expiry sweep finds the attempt still pending", async () => {
    const product = await createProduct({ stock: 3, priceKes: 896 });
    const phone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true });
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.cancel(phone);
    // What a killed instance leaves behind: the attempt as it was before the push was sent.
    await prisma.paymentAttempt.update({ where: { id: attempt.id }, data: { status: "PENDING" } });

    clock.advance(31 * 60);
    expect(await expireDueOrders()).toBeGreaterThanOrEqual(1);
    const order = await readOrder(publicId);
    expect(order.status).toBe("EXPIRED");
    expect(order.attentionReason).toMatch(/never reported/);
  });
});
