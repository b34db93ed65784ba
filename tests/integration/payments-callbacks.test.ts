/** The callback route over HTTP: duplicates, out-of-order results, forged and garbage bodies. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { flagOrder } from "@/lib/payments/core/flags";
import { applyAttemptResult } from "@/lib/payments/stk/attempt-result";
import { reconcileAll } from "@/lib/payments/stk/reconcile";
import { CUT_OFF } from "@/lib/http/read-capped";
import {
  callbackBody,
  callbackEvents,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  newReceipt,
  postCallback,
  readOrder,
  stockOf,
  waitFor,
  waitForDelivery,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const ACCEPTED = { ResultCode: 0, ResultDesc: "Accepted" };

/** Pays the phone's prompt on the emulator but drops the callback: the test delivers it itself. */
async function paidButUndelivered(phone: string) {
  harness.emulator.control.fault({ target: "callback", kind: "drop" });
  const delivery = await harness.emulator.control.pay(phone);
  expect(delivery.error).toBe("dropped by fault");
  return delivery;
}

describe("callback route", () => {
  it("applies the same success body sent 5 times at once exactly once, recording all 5", async () => {
    const product = await createProduct({ stock: 3, priceKes: 730 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const delivery = await paidButUndelivered(phone);

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postCallback(harness, token!, delivery.body)),
    );
    expect(answers.map((a) => [a.status, a.json])).toEqual(Array(5).fill([200, ACCEPTED]));
    expect(answers.map((a) => a.json)).toEqual(Array(5).fill(ACCEPTED));

    const order = await readOrder(publicId);
    expect(order.status).toBe("PAID");
    expect(order.needsAttention).toBe(false);
    const receipt = delivery.body.Body.stkCallback.CallbackMetadata!.Item.find(
      (i) => i.Name === "MpesaReceiptNumber",
    )!.Value;
    expect(order.mpesaReceipt).toBe(receipt);
    expect(order.attempts).toHaveLength(1);
    expect(order.attempts[0]).toMatchObject({ status: "SUCCEEDED", receipt, receiptPending: false });
    const events = await callbackEvents(attempt.id);
    expect(events).toHaveLength(5);
    expect(events.filter((e) => e.verdict === "APPLIED")).toHaveLength(1);
    expect(events.filter((e) => e.verdict === "DUPLICATE")).toHaveLength(4);
    expect(await stockOf(product.id)).toBe(2);

    // Sequential repeats change nothing either, paidAt included.
    await postCallback(harness, token!, delivery.body);
    expect((await readOrder(publicId)).paidAt).toEqual(order.paidAt);
  });

  it("accepts a success after a failure for the same prompt (money received) and pays the order", async () => {
    const product = await createProduct({ stock: 2, priceKes: 640 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const failure = await harness.emulator.control.timeout(phone);
    expect(failure.status).toBe(200);
    let order = await readOrder(publicId);
    expect(order.status).toBe("FAILED");
    expect(order.attempts[0]).toMatchObject({ status: "FAILED", resultCode: "1037" });

    const receipt = newReceipt();
    const { CheckoutRequestID, MerchantRequestID } = failure.body.Body.stkCallback;
    const success = callbackBody(
      { checkoutRequestId: CheckoutRequestID, merchantRequestId: MerchantRequestID },
      { code: 0, amount: 640, receipt, phone },
    );
    expect((await postCallback(harness, token!, success)).status).toBe(200);
    order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "PAID", mpesaReceipt: receipt, stockReserved: true });
    expect(order.paidAt).not.toBeNull();
    expect(order.attempts[0]).toMatchObject({ status: "SUCCEEDED", receipt });
    expect((await callbackEvents(attempt.id)).map((e) => e.verdict)).toEqual(["APPLIED", "APPLIED"]);
    expect(await stockOf(product.id)).toBe(1);
  });

  it("ignores a failure that arrives after the success", async () => {
    const product = await createProduct({ stock: 2, priceKes: 655 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    await harness.emulator.control.pay(phone);
    const paid = await readOrder(publicId);
    expect(paid.status).toBe("PAID");

    const failure = callbackBody(
      { checkoutRequestId: attempt.checkoutRequestId!, merchantRequestId: attempt.merchantRequestId },
      { code: 1032 },
    );
    expect((await postCallback(harness, token!, failure)).json).toEqual(ACCEPTED);
    const after = await readOrder(publicId);
    expect(after).toMatchObject({
      status: "PAID",
      paidAt: paid.paidAt,
      mpesaReceipt: paid.mpesaReceipt,
      needsAttention: false,
    });
    expect(after.attempts[0]).toMatchObject({ status: "SUCCEEDED", resultCode: "0" });
    expect((await callbackEvents(attempt.id)).map((e) => e.verdict)).toEqual(["APPLIED", "DUPLICATE"]);
  });

  it("settles an attempt whose callback arrives before the push answer was stored", async () => {
    const product = await createProduct({ stock: 2, priceKes: 660 });
    const phone = freshPhone();
    // Daraja answers the push 400 ms late; the customer has already paid and the callback is in.
    harness.emulator.control.setRule(phone, { outcome: "pay", delayMs: 0 });
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true, hangMs: 400 });
    const { publicId } = await checkoutOk(harness, product.id, phone);
    const [entry] = harness.emulator.control.ledger(phone).entries;
    const delivery = await waitForDelivery(harness, entry!.checkoutRequestId);
    expect(delivery.status).toBe(200);

    const order = await waitFor(async () => {
      const o = await readOrder(publicId);
      return o.status === "PAID" && o;
    });
    const attempt = order.attempts[0]!;
    expect(attempt).toMatchObject({
      status: "SUCCEEDED",
      checkoutRequestId: entry!.checkoutRequestId,
      merchantRequestId: entry!.merchantRequestId,
      receipt: entry!.receipt,
    });
    expect(order.mpesaReceipt).toBe(entry!.receipt);
    expect(harness.emulator.control.ledger(phone).totals.count).toBe(1);
    expect((await callbackEvents(attempt.id)).map((e) => e.verdict)).toEqual(["APPLIED"]);
  });

  it("records and rejects a callback for an unknown token, changing nothing", async () => {
    const product = await createProduct({ stock: 2, priceKes: 670 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    const forged = callbackBody(
      { checkoutRequestId: attempt.checkoutRequestId! },
      { code: 0, amount: 670, phone },
    );
    const before = await prisma.callbackEvent.count();
    const answer = await postCallback(harness, randomBytes(24).toString("hex"), forged);
    expect(answer).toEqual({ status: 200, json: ACCEPTED });
    expect(await prisma.callbackEvent.count()).toBe(before + 1);
    const event = await prisma.callbackEvent.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
    expect(event).toMatchObject({ verdict: "REJECTED", reason: "unknown token", attemptId: null });
    expect((await readOrder(publicId)).status).toBe("PENDING");
    expect((await readOrder(publicId)).attempts[0]!.status).toBe("PENDING");
  });

  it("rejects a callback for the right token but another CheckoutRequestID", async () => {
    const product = await createProduct({ stock: 2, priceKes: 675 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const other = callbackBody(
      { checkoutRequestId: "ws_CO_000000000000000000000000" },
      { code: 0, amount: 675, phone },
    );
    expect((await postCallback(harness, token!, other)).status).toBe(200);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    const [event] = await callbackEvents(attempt.id);
    expect(event).toMatchObject({
      verdict: "REJECTED",
      reason: "CheckoutRequestID does not match the attempt",
    });
  });

  it("rejects a callback for an attempt of unknown outcome that names another attempt's CheckoutRequestID", async () => {
    const product = await createProduct({ stock: 3, priceKes: 677 });
    const other = await checkoutOk(harness, product.id, freshPhone());
    const phone = freshPhone();
    harness.emulator.control.fault({ target: "push", kind: "hang", accepted: true });
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    expect(attempt).toMatchObject({ status: "UNKNOWN", checkoutRequestId: null });
    const stolen = callbackBody(
      { checkoutRequestId: other.attempt.checkoutRequestId! },
      { code: 0, amount: 677, phone },
    );
    expect((await postCallback(harness, token!, stolen)).status).toBe(200);
    const [event] = await callbackEvents(attempt.id);
    expect(event).toMatchObject({
      verdict: "REJECTED",
      reason: "CheckoutRequestID belongs to another attempt",
    });
    expect((await readOrder(publicId)).attempts[0]).toMatchObject({
      status: "UNKNOWN",
      checkoutRequestId: null,
    });
    expect((await readOrder(other.publicId)).status).toBe("PENDING");
  });

  it("does not pay an order when the callback reports another amount, and flags it", async () => {
    const product = await createProduct({ stock: 2, priceKes: 680 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "wrongAmount", amount: 1 });
    const delivery = await harness.emulator.control.pay(phone);
    expect(delivery.status).toBe(200);
    const order = await readOrder(publicId);
    expect(order.status).toBe("FAILED");
    expect(order.paidAt).toBeNull();
    expect(order.mpesaReceipt).toBeNull();
    expect(order.needsAttention).toBe(true);
    expect(order.attentionReason).toMatch(/KES 1\b/);
    // Settled as not paid, with no retry offered: an STK query (which cannot see amounts) never pays it later.
    expect(order.attempts[0]).toMatchObject({
      status: "FAILED",
      resultCode: "AMOUNT_MISMATCH",
      mayRetry: false,
    });
    const [event] = await callbackEvents(attempt.id);
    expect(event).toMatchObject({ verdict: "REJECTED" });
    expect(event!.reason).toMatch(/amount 1 does not match 680/);
  });

  it("adds the wrong-amount note to the seller's earlier ones, once, and a query answering late cannot pay it", async () => {
    const product = await createProduct({ stock: 2, priceKes: 685 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    await flagOrder(attempt.orderId, { kind: "OTHER", note: "Shopper called about delivery." });
    const receipt = newReceipt();
    const body = callbackBody(
      { checkoutRequestId: attempt.checkoutRequestId!, merchantRequestId: attempt.merchantRequestId },
      { code: 0, amount: 5, receipt, phone },
    );
    await postCallback(harness, token!, body);
    await postCallback(harness, token!, body); // Daraja may deliver twice
    // An STK query sent before the callback came answers now: it cannot see amounts.
    expect(
      await applyAttemptResult(attempt, {
        kind: "success",
        amountKes: null,
        receipt: null,
        transactionDate: null,
        source: "query",
      }),
    ).toMatchObject({ outcome: "ignored" });
    const order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "FAILED", paidAt: null, needsAttention: true });
    expect(order.attentionReason!.split("\n")).toEqual([
      "Shopper called about delivery.",
      `M-Pesa reported KES 5 (receipt ${receipt}) but KES 685 was asked.`,
    ]);
    await harness.emulator.control.cancel(phone).catch(() => undefined);
  });

  it("answers 200 to garbage bodies, records each, and changes nothing", async () => {
    const product = await createProduct({ stock: 2, priceKes: 690 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const crid = attempt.checkoutRequestId!;
    const garbage: (string | Uint8Array<ArrayBuffer>)[] = [
      "",
      "not json at all",
      '{"Body":',
      "null",
      "42",
      JSON.stringify({ Body: { stkCallback: { CheckoutRequestID: crid } } }),
      JSON.stringify({
        Body: {
          stkCallback: {
            CheckoutRequestID: crid,
            ResultCode: 0,
            ResultDesc: "ok",
            CallbackMetadata: { Item: "nope" },
          },
        },
      }),
      JSON.stringify({ hello: ["world"] }),
      JSON.stringify({ Body: { stkCallback: { CheckoutRequestID: crid, ResultCode: 0, ResultDesc: "x" } } }) +
        " ".repeat(70_000),
      `{"Body":{"stkCallback":{"CheckoutRequestID":"${crid}","ResultCode":0,"ResultDesc":"${"x".repeat(100_000)}"}}}`,
      "\u0000\u0000{\u0000}",
      JSON.stringify({
        Body: {
          stkCallback: { CheckoutRequestID: `${crid}\u0000`, ResultCode: "\u0000", ResultDesc: "\u0000" },
        },
      }),
      "[".repeat(30_000) + "]".repeat(30_000),
      '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000),
      new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc3, 0x28, 0x7d]),
      new Uint8Array([0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]),
    ];
    for (const body of garbage) {
      const answer = await postCallback(harness, token!, body);
      expect(answer, `body ${String(body).slice(0, 40)}`).toEqual({ status: 200, json: ACCEPTED });
    }
    // Bodies over the size cap are judged before the token is looked up: they carry its hash only.
    const events = await prisma.callbackEvent.findMany({
      where: { token: attempt.callbackToken },
      orderBy: { receivedAt: "asc" },
    });
    expect(events).toHaveLength(garbage.length);
    expect(events.every((e) => e.verdict === "REJECTED")).toBe(true);
    expect(events.filter((e) => e.rawBody.includes("\u0000"))).toHaveLength(0);
    const order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "PENDING", paidAt: null, needsAttention: false });
    expect(order.attempts[0]).toMatchObject({ status: "PENDING", checkoutRequestId: crid });
    expect(await stockOf(product.id)).toBe(1);

    // The same garbage to an unknown token is recorded too.
    const before = await prisma.callbackEvent.count();
    for (const body of garbage) expect((await postCallback(harness, "nope", body)).status).toBe(200);
    expect(await prisma.callbackEvent.count()).toBe(before + garbage.length);
  });
});

describe("a callback cut off on the way (the shop slower than Daraja waits)", () => {
  it("is recorded on its prompt as cut off, and the status query still settles the order", async () => {
    const product = await createProduct({ stock: 2, priceKes: 690 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    harness.emulator.control.fault({ target: "callback", kind: "cut" });
    const delivery = await harness.emulator.control.pay(phone);
    expect(delivery.error).toBe("cut off by fault");

    const event = await waitFor(
      async () => (await callbackEvents(attempt.id)).find((e) => e.verdict !== "RECEIVED"),
      { what: "the cut-off callback's verdict" },
    );
    expect(event).toMatchObject({ verdict: "REJECTED", reason: CUT_OFF });
    expect((await readOrder(publicId)).status).toBe("PENDING");

    clock.advance(61);
    await reconcileAll();
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID" });
  });
});
