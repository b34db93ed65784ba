/**
 * "Already paid? Enter your M-Pesa code" (issue 25): the shopper's code is checked with Transaction Status
 * against the emulator over HTTP (the result comes back to our route), and pays through payOrder only when it
 * is a payment into this shop, for the amount due, not counted anywhere yet.
 */
import "./support/embedded-db-pool";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { orderEvents } from "@/lib/payments/core/events";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { configurePayments, payments } from "@/lib/payments/shared/context";
import { submitTypedCode } from "@/lib/payments/refunds/typed-codes";
import { listUnmatchedPayments } from "@/lib/payments/c2b/unmatched";
import { retryPayment } from "@/lib/payments/stk/retry";
import { reconcileAll } from "@/lib/payments/stk/reconcile";
import { GET as cronGet } from "@/app/api/cron/reconcile/route";
import {
  callbackBody,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  postCallback,
  readOrder,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const SHORTCODE = env.mpesa.shortcode;
let ip = 0;
/** Each test from its own address, so the per-address limit is only met where a test means to meet it. */
const nextIp = () => `198.51.100.${++ip}`;

let confirmUrl = "";
beforeAll(async () => {
  expect(await registerC2bUrls("owner@duka.test")).toMatchObject({ ok: true });
  confirmUrl = harness.emulator.control
    .c2bRegistrations()
    .find((r) => r.shortcode === SHORTCODE)!.confirmationUrl;
});
afterEach(
  () =>
    void harness.emulator.control.setOptions({
      c2bValidation: true,
      duplicateAmountRule: true,
      statusPayerPhone: "plain",
    }),
);

async function openOrder(priceKes: number) {
  const product = await createProduct({ stock: 3, priceKes });
  const phone = freshPhone();
  const placed = await checkoutOk(harness, product.id, phone);
  return { ...placed, phone };
}

/** The shopper pays the prompt but its callback is lost: the order still waits; the receipt is on the phone. */
async function paidWithLostCallback(priceKes: number) {
  const placed = await openOrder(priceKes);
  harness.emulator.control.fault({ target: "callback", kind: "drop" });
  await harness.emulator.control.pay(placed.phone);
  const receipt = harness.emulator.control.ledger(placed.phone).entries.at(-1)!.receipt!;
  expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
  expect((await readOrder(placed.publicId)).status).toBe("PENDING");
  return { ...placed, receipt };
}

/**
 * The shopper pays the prompt, but M-Pesa's callback says it timed out (1037): the order is marked failed
 * although the money went through. The real success callback is kept, to arrive late when a test says.
 */
async function paidButReportedFailed(priceKes: number) {
  const placed = await openOrder(priceKes);
  harness.emulator.control.fault({ target: "callback", kind: "drop" });
  const paid = await harness.emulator.control.pay(placed.phone);
  const receipt = harness.emulator.control.ledger(placed.phone).entries.at(-1)!.receipt!;
  const { MerchantRequestID } = paid.body.Body.stkCallback;
  const timedOut = callbackBody(
    { checkoutRequestId: paid.checkoutRequestId, merchantRequestId: MerchantRequestID },
    { code: 1037 },
  );
  expect((await postCallback(harness, placed.token!, timedOut)).status).toBe(200);
  const failed = await readOrder(placed.publicId);
  expect(failed).toMatchObject({ status: "FAILED" });
  expect(failed.attempts[0]).toMatchObject({ status: "FAILED", resultCode: "1037" });
  return { ...placed, receipt, lateSuccess: paid.body };
}

/** What the order counted as received, and what it queued to tell anyone. */
async function countedAndTold(orderId: string) {
  const events = await orderEvents(prisma, orderId);
  const messages = await prisma.notification.findMany({ where: { orderId }, select: { kind: true } });
  return {
    received: events.filter((e) => e.kind === "PAYMENT_RECEIVED").map((e) => e.amountKes),
    flags: events.filter((e) => e.kind === "FLAGGED").map((e) => e.flagKind),
    messages: messages.map((m) => m.kind).sort(),
  };
}

/** The callback our route received last, and what it made of it. */
const lastCallback = () => prisma.callbackEvent.findFirst({ orderBy: { receivedAt: "desc" } });

const statusQueries = () =>
  harness.emulator.control.log().filter((c) => c.path === "/mpesa/transactionstatus/v1/query").length;

describe("a typed M-Pesa code", () => {
  it("pays the order when the prompt's result never came, through the one road, once", async () => {
    const { publicId, order, receipt, attempt } = await paidWithLostCallback(1450);
    // Typed as people type it: lower case, with a space.
    const typed = `${receipt.slice(0, 5).toLowerCase()} ${receipt.slice(5)}`;
    const answer = await submitTypedCode({ publicId, typed, clientIp: nextIp() });
    expect(answer).toEqual({ ok: true, state: "paid", message: `Paid: M-Pesa confirmed code ${receipt}.` });
    const paid = await readOrder(publicId);
    expect(paid).toMatchObject({ status: "PAID", mpesaReceipt: receipt });
    // The prompt it settled is marked paid with that receipt: its late callback cannot count it again.
    expect(paid.attempts.find((a) => a.id === attempt.id)).toMatchObject({ status: "SUCCEEDED", receipt });
    const received = (await orderEvents(prisma, order.id)).filter((e) => e.kind === "PAYMENT_RECEIVED");
    expect(received).toEqual([
      expect.objectContaining({ amountKes: 1450, source: "MPESA_CODE", reference: receipt }),
    ]);
    // Typed again: already counted here, and M-Pesa is not asked again.
    const asked = statusQueries();
    expect(await submitTypedCode({ publicId, typed: receipt, clientIp: nextIp() })).toMatchObject({
      ok: true,
      state: "paid",
    });
    expect(statusQueries()).toBe(asked);
  });

  it("claims a Pay Bill payment that landed unmatched (wrong account number) and pays the order", async () => {
    harness.emulator.control.setOptions({ c2bValidation: false });
    const { publicId, order } = await openOrder(700);
    const payment = await harness.emulator.control.payBill(SHORTCODE, "MY ORDER", 700, freshPhone());
    const row = await waitFor(() => prisma.c2bPayment.findFirst({ where: { transId: payment.transId } }));
    expect(row.status).toBe("UNMATCHED");
    const answer = await submitTypedCode({ publicId, typed: payment.transId, clientIp: nextIp() });
    expect(answer).toMatchObject({ ok: true, state: "paid" });
    expect((await readOrder(publicId)).status).toBe("PAID");
    // Off the seller's unmatched list: it is this order's now.
    expect(await prisma.c2bPayment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "APPLIED",
      orderId: order.id,
    });
  });

  it("asks M-Pesa again from the scheduled work when the check's result is lost; the answer pays the order", async () => {
    harness.emulator.control.setOptions({ c2bValidation: false });
    const { publicId, order } = await openOrder(730);
    const payment = await harness.emulator.control.payBill(SHORTCODE, "MY ORDER", 730, freshPhone());
    await waitFor(() => prisma.c2bPayment.findFirst({ where: { transId: payment.transId } }));
    harness.emulator.control.fault({ target: "result", kind: "drop" });
    const answer = await submitTypedCode({ publicId, typed: payment.transId, clientIp: nextIp() });
    expect(answer).toMatchObject({ ok: true, state: "checking" });
    expect((await readOrder(publicId)).status).not.toBe("PAID");

    const asked = statusQueries();
    clock.advance(payments().refundResultWaitSeconds + 60);
    const cron = await cronGet(new Request("http://shop.test/api/cron/reconcile"));
    expect(await cron.json()).toMatchObject({ typedCodesAskedAgain: 1 });
    expect(statusQueries()).toBe(asked + 1);
    await expect.poll(async () => (await readOrder(publicId)).status, { timeout: 10_000 }).toBe("PAID");
    expect(await prisma.c2bPayment.findFirstOrThrow({ where: { transId: payment.transId } })).toMatchObject({
      status: "APPLIED",
      orderId: order.id,
    });
    // Paid: the next run asks nothing more.
    clock.advance(payments().refundResultWaitSeconds + 60);
    const again = await cronGet(new Request("http://shop.test/api/cron/reconcile"));
    expect(await again.json()).toMatchObject({ typedCodesAskedAgain: 0 });
    expect(statusQueries()).toBe(asked + 1);
  }, 60_000);

  it("refuses a code already used for another order, without naming that order", async () => {
    const first = await paidWithLostCallback(900);
    expect(
      await submitTypedCode({ publicId: first.publicId, typed: first.receipt, clientIp: nextIp() }),
    ).toMatchObject({ ok: true, state: "paid" });
    const second = await openOrder(900);
    const answer = await submitTypedCode({
      publicId: second.publicId,
      typed: first.receipt,
      clientIp: nextIp(),
    });
    expect(answer).toEqual({
      ok: false,
      message: `Code ${first.receipt} has already been used for another order, so it cannot pay this one. If you think this is a mistake, contact the shop.`,
    });
    expect(answer.message).not.toContain(first.order.reference);
    expect((await readOrder(second.publicId)).status).toBe("PENDING");
  });

  it("says a wrong code is wrong, after asking M-Pesa", async () => {
    const { publicId, order } = await openOrder(500);
    const asked = statusQueries();
    const answer = await submitTypedCode({ publicId, typed: "QZX1234567", clientIp: nextIp() });
    expect(answer).toEqual({
      ok: false,
      message:
        "M-Pesa has no payment to this shop with code QZX1234567. Check the code in your M-Pesa message.",
    });
    expect(statusQueries()).toBe(asked + 1);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    expect((await orderEvents(prisma, order.id)).some((e) => e.kind === "PAYMENT_RECEIVED")).toBe(false);
    // Not even shaped like a code: refused here, M-Pesa is not asked.
    expect(await submitTypedCode({ publicId, typed: "12345", clientIp: nextIp() })).toMatchObject({
      ok: false,
      message: expect.stringContaining("10 letters and numbers"),
    });
    expect(statusQueries()).toBe(asked + 1);
  });

  it("refuses another shop's payment like a wrong code, and a payment of another amount", async () => {
    const { publicId, order } = await openOrder(1200);
    // The same shopper paid another business the right amount: not money this shop received.
    const elsewhere = await harness.emulator.control.payBill("600999", "DK-ANY", 1200, freshPhone());
    expect(await submitTypedCode({ publicId, typed: elsewhere.transId, clientIp: nextIp() })).toEqual({
      ok: false,
      message: `M-Pesa has no payment to this shop with code ${elsewhere.transId}. Check the code in your M-Pesa message.`,
    });
    // Paid to this shop, but KES 1,000 for KES 1,200: not counted; the seller is told.
    harness.emulator.control.setOptions({ c2bValidation: false });
    const short = await harness.emulator.control.payBill(SHORTCODE, "SOMETHING", 1000, freshPhone());
    const answer = await submitTypedCode({ publicId, typed: short.transId, clientIp: nextIp() });
    expect(answer).toEqual({
      ok: false,
      message: `The payment with code ${short.transId} is not the amount this order needs (KES 1,200), so it cannot pay it. The shop has been told; contact them to sort it out.`,
    });
    expect(answer.message).not.toContain("1,000");
    const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: "PENDING", needsAttention: true });
    const flags = (await orderEvents(prisma, order.id)).filter((e) => e.kind === "FLAGGED");
    expect(flags.map((f) => f.note).join(" ")).toContain(short.transId);
  });

  it("is limited per order and per client address", async () => {
    configurePayments({ ...payments(), typedCodesPerOrder: 2, typedCodesPerIp: 3 });
    const { publicId } = await openOrder(300);
    const from = nextIp();
    for (let i = 0; i < 2; i++)
      expect(await submitTypedCode({ publicId, typed: "QZX0000001", clientIp: from })).toMatchObject({
        ok: false,
        message: expect.stringContaining("has no payment"),
      });
    const asked = statusQueries();
    expect(await submitTypedCode({ publicId, typed: "QZX0000001", clientIp: nextIp() })).toEqual({
      ok: false,
      message: "Too many codes tried. Wait a few minutes, then try again.",
    });
    // Another order from the same address: the address has one try left, then none.
    const other = await openOrder(300);
    expect(
      await submitTypedCode({ publicId: other.publicId, typed: "QZX0000002", clientIp: from }),
    ).toMatchObject({ message: expect.stringContaining("has no payment") });
    expect(
      await submitTypedCode({ publicId: other.publicId, typed: "QZX0000002", clientIp: from }),
    ).toMatchObject({ message: "Too many codes tried. Wait a few minutes, then try again." });
    expect(statusQueries()).toBe(asked + 1);
  });
});

describe("a typed M-Pesa code for a prompt we had marked failed", () => {
  it("claims that prompt (failed -> paid) and counts the money once; its late success callback adds nothing", async () => {
    const { publicId, order, attempt, receipt, token, lateSuccess } = await paidButReportedFailed(1500);
    expect(await submitTypedCode({ publicId, typed: receipt, clientIp: nextIp() })).toEqual({
      ok: true,
      state: "paid",
      message: `Paid: M-Pesa confirmed code ${receipt}.`,
    });
    const paid = await readOrder(publicId);
    expect(paid).toMatchObject({ status: "PAID", mpesaReceipt: receipt, needsAttention: false });
    // The prompt the money answered is the one paid, through the state machine: FAILED -> SUCCEEDED.
    expect(paid.attempts).toEqual([
      expect.objectContaining({ id: attempt.id, status: "SUCCEEDED", receipt }),
    ]);
    const moves = (await orderEvents(prisma, order.id)).filter((e) => e.attemptId === attempt.id);
    expect(moves.filter((e) => e.kind === "ATTEMPT_STATUS").map((e) => e.toStatus)).toEqual([
      "PENDING",
      "FAILED",
      "SUCCEEDED",
    ]);
    await waitFor(async () => (await countedAndTold(order.id)).messages.length > 0);
    const told = await countedAndTold(order.id);
    expect(told).toMatchObject({ received: [1500], flags: [] });

    // M-Pesa's own success callback for that prompt arrives after all: the same money, already counted.
    expect((await postCallback(harness, token!, lateSuccess)).status).toBe(200);
    expect(await lastCallback()).toMatchObject({ attemptId: attempt.id, verdict: "DUPLICATE" });
    expect(await readOrder(publicId)).toMatchObject({
      status: "PAID",
      mpesaReceipt: receipt,
      needsAttention: false,
    });
    // Nothing counted twice, no "second payment" for the seller, no second "paid" message for anyone.
    expect(await countedAndTold(order.id)).toEqual(told);
  });

  it("after a retry, claims the failed prompt the money answered, not the retry's open one", async () => {
    const first = await paidButReportedFailed(1600);
    const otherPhone = freshPhone();
    expect(await retryPayment(first.publicId, otherPhone)).toEqual({ ok: true });
    const retried = (await readOrder(first.publicId)).attempts.at(-1)!;
    expect(retried).toMatchObject({ status: "PENDING", phone: otherPhone });

    expect(
      await submitTypedCode({ publicId: first.publicId, typed: first.receipt, clientIp: nextIp() }),
    ).toMatchObject({
      ok: true,
      state: "paid",
    });
    let order = await readOrder(first.publicId);
    expect(order.attempts.map((a) => [a.id, a.status, a.receipt])).toEqual([
      [first.attempt.id, "SUCCEEDED", first.receipt],
      [retried.id, "PENDING", null],
    ]);
    // The retry's prompt is paid too: a second payment, counted and flagged for a refund, never swallowed.
    await harness.emulator.control.pay(otherPhone);
    const second = harness.emulator.control.ledger(otherPhone).entries.at(-1)!.receipt!;
    order = await readOrder(first.publicId);
    expect(order.attempts.find((a) => a.id === retried.id)).toMatchObject({
      status: "SUCCEEDED",
      receipt: second,
    });
    expect(await countedAndTold(first.order.id)).toMatchObject({
      received: [1600, 1600],
      flags: ["SECOND_PAYMENT"],
    });
  });

  it("when the late success callback beats M-Pesa's answer to the code, the answer counts nothing and flags nothing", async () => {
    configurePayments({ ...payments(), typedCodeWaitSeconds: 0.3 });
    const { publicId, order, receipt, token, lateSuccess } = await paidButReportedFailed(1700);
    harness.emulator.control.fault({ target: "result", kind: "delay", delayMs: 1500 });
    expect(await submitTypedCode({ publicId, typed: receipt, clientIp: nextIp() })).toMatchObject({
      ok: true,
      state: "checking",
    });
    expect((await postCallback(harness, token!, lateSuccess)).status).toBe(200);
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID", mpesaReceipt: receipt });

    const check = await waitFor(() =>
      prisma.statusCheck.findFirst({ where: { orderId: order.id, shopperMessage: { not: null } } }),
    );
    expect(check.shopperMessage).toBe(`Code ${receipt} is already counted for this order.`);
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID", needsAttention: false });
    expect(await countedAndTold(order.id)).toMatchObject({ received: [1700], flags: [] });
  });

  it("counts the money once even when the code cannot be tied to the prompt (our clock ten minutes off M-Pesa's)", async () => {
    clock.advance(600);
    const { publicId, order, attempt, receipt, token, lateSuccess } = await paidButReportedFailed(1800);
    expect(await submitTypedCode({ publicId, typed: receipt, clientIp: nextIp() })).toMatchObject({
      ok: true,
      state: "paid",
    });
    expect((await readOrder(publicId)).attempts[0]).toMatchObject({ id: attempt.id, status: "FAILED" });
    const told = await countedAndTold(order.id);
    expect(told).toMatchObject({ received: [1800], flags: [] });

    expect((await postCallback(harness, token!, lateSuccess)).status).toBe(200);
    expect(await lastCallback()).toMatchObject({ attemptId: attempt.id, verdict: "DUPLICATE" });
    // M-Pesa said this prompt was paid: it is, with its receipt, and the money is still counted once.
    expect((await readOrder(publicId)).attempts[0]).toMatchObject({ status: "SUCCEEDED", receipt });
    expect(await countedAndTold(order.id)).toEqual(told);
  });
});

describe("a typed M-Pesa code whose answer carries no readable time", () => {
  it("settles no prompt when a retry of the same amount could be the one it answered; the retry's own payment is a second payment", async () => {
    const first = await paidButReportedFailed(1900);
    // The same phone prompted again for the same amount (M-Pesa's own duplicate rule off, as in production
    // after its window).
    harness.emulator.control.setOptions({ duplicateAmountRule: false });
    expect(await retryPayment(first.publicId)).toEqual({ ok: true });
    const retry = (await readOrder(first.publicId)).attempts.at(-1)!;
    expect(retry).toMatchObject({ status: "PENDING", phone: first.phone });

    harness.emulator.control.fault({ target: "result", kind: "timeless" });
    expect(
      await submitTypedCode({ publicId: first.publicId, typed: first.receipt, clientIp: nextIp() }),
    ).toMatchObject({ ok: true, state: "paid" });
    let order = await readOrder(first.publicId);
    expect(order).toMatchObject({ status: "PAID", mpesaReceipt: first.receipt });
    // Either prompt could be the one paid: neither takes the code.
    expect(order.attempts.map((a) => [a.id, a.status, a.receipt])).toEqual([
      [first.attempt.id, "FAILED", null],
      [retry.id, "PENDING", null],
    ]);

    // The retry rings on and is paid too: new money, counted and flagged for a refund.
    await harness.emulator.control.pay(first.phone);
    const second = harness.emulator.control.ledger(first.phone).entries.at(-1)!.receipt!;
    expect(second).not.toBe(first.receipt);
    order = await readOrder(first.publicId);
    expect(order.attempts.find((a) => a.id === retry.id)).toMatchObject({
      status: "SUCCEEDED",
      receipt: second,
    });
    expect(await countedAndTold(first.order.id)).toMatchObject({
      received: [1900, 1900],
      flags: ["SECOND_PAYMENT"],
    });
  });

  it("a prompt the code settled, paid again with another receipt, counts that money as a second payment", async () => {
    // One phone, two orders of the same amount: the first's prompt paid, its callback lost.
    harness.emulator.control.setOptions({ duplicateAmountRule: false });
    const product = await createProduct({ stock: 5, priceKes: 2100 });
    const phone = freshPhone();
    const other = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "drop" });
    await harness.emulator.control.pay(phone);
    const otherReceipt = harness.emulator.control.ledger(phone).entries.at(-1)!.receipt!;
    expect((await readOrder(other.publicId)).status).toBe("PENDING");

    // On the second order, while its own prompt rings, the shopper types the first order's code; the
    // answer has no time, so the ringing prompt (the only one) is taken as the one paid.
    const { publicId, order, attempt, token } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "result", kind: "timeless" });
    expect(await submitTypedCode({ publicId, typed: otherReceipt, clientIp: nextIp() })).toMatchObject({
      ok: true,
      state: "paid",
    });
    expect((await readOrder(publicId)).attempts[0]).toMatchObject({
      id: attempt.id,
      status: "SUCCEEDED",
      receipt: otherReceipt,
    });

    // The shopper answers that prompt after all: its success carries another receipt, money never counted.
    const paidAgain = await harness.emulator.control.pay(phone);
    const second = harness.emulator.control.ledger(phone).entries.at(-1)!.receipt!;
    expect(second).not.toBe(otherReceipt);
    expect(await lastCallback()).toMatchObject({ attemptId: attempt.id });
    expect(await countedAndTold(order.id)).toMatchObject({
      received: [2100, 2100],
      flags: ["SECOND_PAYMENT"],
    });
    const received = (await orderEvents(prisma, order.id)).filter((e) => e.kind === "PAYMENT_RECEIVED");
    expect(received.map((e) => e.paymentKey)).toEqual([`mpesa:${otherReceipt}`, `mpesa:${second}`]);

    // The same success again is the same money: counted once.
    expect((await postCallback(harness, token!, paidAgain.body)).status).toBe(200);
    expect(await lastCallback()).toMatchObject({ attemptId: attempt.id, verdict: "DUPLICATE" });
    expect((await countedAndTold(order.id)).received).toEqual([2100, 2100]);
  });
});

describe("a typed M-Pesa code for a prompt a status query confirmed meanwhile", () => {
  it("becomes that prompt's receipt: already counted, no wrong-amount flag", async () => {
    configurePayments({ ...payments(), typedCodeWaitSeconds: 0.3 });
    const { publicId, order, attempt, receipt } = await paidWithLostCallback(2200);
    harness.emulator.control.fault({ target: "result", kind: "delay", delayMs: 3000 });
    expect(await submitTypedCode({ publicId, typed: receipt, clientIp: nextIp() })).toMatchObject({
      ok: true,
      state: "checking",
    });
    // While M-Pesa's answer to the code is on its way, reconcile's status query confirms the prompt.
    clock.advance(61);
    await reconcileAll();
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID", mpesaReceipt: null });

    const check = await waitFor(() =>
      prisma.statusCheck.findFirst({ where: { orderId: order.id, shopperMessage: { not: null } } }),
    );
    expect(check.shopperMessage).toBe(`Code ${receipt} is already counted for this order.`);
    const paid = await readOrder(publicId);
    expect(paid).toMatchObject({ status: "PAID", mpesaReceipt: receipt });
    expect(paid.attempts[0]).toMatchObject({
      id: attempt.id,
      status: "SUCCEEDED",
      receipt,
      receiptPending: false,
    });
    const told = await countedAndTold(order.id);
    expect(told.received).toEqual([2200]);
    expect(told.flags).not.toContain("AMOUNT_MISMATCH");
  });
});

describe("a typed M-Pesa code for the prompt of another order from the same number", () => {
  /** A second order from the prompted phone, for the same amount, made after the first one's payment. */
  async function secondOrderFrom(phone: string, priceKes: number) {
    clock.advance(30);
    harness.emulator.control.setOptions({ duplicateAmountRule: false });
    const product = await createProduct({ stock: 3, priceKes });
    return checkoutOk(harness, product.id, phone);
  }

  it("pays the order whose prompt it answered, not the one it was typed on, and a status query adds nothing", async () => {
    const first = await paidWithLostCallback(1300);
    const second = await secondOrderFrom(first.phone, 1300);

    const answer = await submitTypedCode({
      publicId: second.publicId,
      typed: first.receipt,
      clientIp: nextIp(),
    });
    expect(answer).toEqual({
      ok: false,
      message: `The payment with code ${first.receipt} answered the M-Pesa prompt of another order from your number, and is counted there, so it cannot pay this one too. If you meant it for this order, contact the shop.`,
    });
    expect(answer.message).not.toContain(first.order.reference);
    const paid = await readOrder(first.publicId);
    expect(paid).toMatchObject({ status: "PAID", mpesaReceipt: first.receipt });
    expect(paid.attempts[0]).toMatchObject({
      id: first.attempt.id,
      status: "SUCCEEDED",
      receipt: first.receipt,
    });
    expect((await readOrder(second.publicId)).status).toBe("PENDING");

    // Reconcile asks M-Pesa about both prompts: the first one's money is not counted a second time.
    clock.advance(61);
    await reconcileAll();
    expect(await countedAndTold(first.order.id)).toMatchObject({ received: [1300], flags: [] });
    expect((await countedAndTold(second.order.id)).received).toEqual([]);
    expect((await readOrder(second.publicId)).status).not.toBe("PAID");
  });

  it("finds that prompt by this order's number when M-Pesa masks the payer's", async () => {
    harness.emulator.control.setOptions({ statusPayerPhone: "masked" });
    const first = await paidWithLostCallback(1320);
    const second = await secondOrderFrom(first.phone, 1320);
    const answer = await submitTypedCode({
      publicId: second.publicId,
      typed: first.receipt,
      clientIp: nextIp(),
    });
    expect(answer.message).toContain("answered the M-Pesa prompt of another order");
    expect(await readOrder(first.publicId)).toMatchObject({ status: "PAID", mpesaReceipt: first.receipt });
    expect((await countedAndTold(second.order.id)).received).toEqual([]);
  });

  it("becomes the receipt of the other order's prompt a status query confirmed, and pays nothing here", async () => {
    const first = await paidWithLostCallback(1350);
    clock.advance(61);
    await reconcileAll();
    expect(await readOrder(first.publicId)).toMatchObject({ status: "PAID", mpesaReceipt: null });
    const second = await secondOrderFrom(first.phone, 1350);

    const answer = await submitTypedCode({
      publicId: second.publicId,
      typed: first.receipt,
      clientIp: nextIp(),
    });
    expect(answer).toMatchObject({ ok: false });
    expect(answer.message).toContain("answered the M-Pesa prompt of another order");
    expect(await readOrder(first.publicId)).toMatchObject({ status: "PAID", mpesaReceipt: first.receipt });
    expect(await countedAndTold(first.order.id)).toMatchObject({ received: [1350] });
    expect((await countedAndTold(second.order.id)).received).toEqual([]);
    expect((await readOrder(second.publicId)).status).toBe("PENDING");
  });
});

describe("a Pay Bill confirmation that comes after the payment's code was typed", () => {
  /** The order is paid by Pay Bill, its confirmation cut off on the way; the shopper types the code. */
  async function paidByTypedPayBillCode(priceKes: number) {
    const placed = await openOrder(priceKes);
    harness.emulator.control.fault({ target: "confirmation", kind: "cut" });
    const payment = await harness.emulator.control.payBill(
      SHORTCODE,
      placed.order.reference,
      priceKes,
      placed.phone,
    );
    expect(
      await submitTypedCode({ publicId: placed.publicId, typed: payment.transId, clientIp: nextIp() }),
    ).toMatchObject({ ok: true, state: "paid" });
    return { ...placed, transId: payment.transId };
  }

  /** What M-Pesa sends late, for that payment, to the given account number. */
  const lateConfirmation = (transId: string, amountKes: number, account: string) =>
    fetch(confirmUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        TransactionType: "Pay Bill",
        TransID: transId,
        TransTime: "20261206101500",
        TransAmount: `${amountKes}.00`,
        BusinessShortCode: SHORTCODE,
        BillRefNumber: account,
        InvoiceNumber: "",
        OrgAccountBalance: "",
        ThirdPartyTransID: "",
        MSISDN: "2547 ***** 149",
        FirstName: "JOHN",
        MiddleName: "",
        LastName: "",
      }),
    });

  it.each([
    ["the order's number", (reference: string) => reference],
    ["an account number matching no order", () => "MY ORDER"],
  ])("to %s puts the payment on the order that counted it, not in the unmatched list", async (_, account) => {
    const { order, transId } = await paidByTypedPayBillCode(880);
    expect((await lateConfirmation(transId, 880, account(order.reference))).status).toBe(200);

    const payment = await waitFor(() =>
      prisma.c2bPayment.findFirst({ where: { transId, status: { not: "RECEIVED" } } }),
    );
    expect(payment).toMatchObject({ status: "APPLIED", orderId: order.id });
    expect(await listUnmatchedPayments()).not.toContainEqual(expect.objectContaining({ transId }));
    const event = await prisma.c2bEvent.findFirstOrThrow({ where: { transId, kind: "CONFIRMATION" } });
    expect(event.verdict).toBe("DUPLICATE");
    // Counted once; nothing left for the seller to attach or refund a second time.
    expect(await countedAndTold(order.id)).toMatchObject({ received: [880], flags: [] });
  });
});
