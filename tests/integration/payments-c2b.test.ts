/** Pay Bill / Buy Goods (C2B) end to end: the emulator's M-Pesa pays by hand, our routes confirm over HTTP. */
import "./support/embedded-db-pool";
import { beforeAll, describe, expect, it } from "vitest";
import { type C2bNotificationBody, startEmulator } from "@/emulator";
import { createDarajaClient } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { accountNumberOf } from "@/lib/payments/c2b/account";
import { configurePayments } from "@/lib/payments/shared/context";
import { registerC2bUrls, registerWithEmulatorAtStart } from "@/lib/payments/c2b/registration";
import {
  attachPayment,
  listCutOffConfirmations,
  listUnmatchedPayments,
  refundPayment,
} from "@/lib/payments/c2b/unmatched";
import { CUT_OFF } from "@/lib/http/read-capped";
import { readOrderView } from "@/lib/orders/order-view";
import { expireDueOrders, reconcileAll } from "@/lib/payments/stk/reconcile";
import { retryPayment } from "@/lib/payments/stk/retry";
import {
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  readOrder,
  stockOf,
  waitFor,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const SHORTCODE = env.mpesa.shortcode;
let confirmUrl = "";

beforeAll(async () => {
  const outcome = await registerC2bUrls("owner@duka.test");
  expect(outcome).toMatchObject({ ok: true });
  confirmUrl = harness.emulator.control
    .c2bRegistrations()
    .find((r) => r.shortcode === SHORTCODE)!.confirmationUrl;
});

async function openOrder(priceKes: number, stock = 2) {
  const product = await createProduct({ stock, priceKes });
  const phone = freshPhone();
  const { publicId, order } = await checkoutOk(harness, product.id, phone);
  return { product, phone, publicId, order };
}

const payBill = (account: string, amount: number, phone = freshPhone()) =>
  harness.emulator.control.payBill(SHORTCODE, account, amount, phone);

const postConfirmation = async (body: string | C2bNotificationBody, url = confirmUrl) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
};

const paymentOf = (transId: string) => prisma.c2bPayment.findUniqueOrThrow({ where: { transId } });

describe("registering the C2B URLs", () => {
  it("registers token-carrying URLs free of the words Daraja filters, and keeps the outcome", async () => {
    const registration = harness.emulator.control.c2bRegistrations().find((r) => r.shortcode === SHORTCODE)!;
    expect(registration.responseType).toBe("Completed");
    expect(registration.confirmationUrl).toMatch(/\/api\/payments\/paybill\/[0-9a-f]{48}\/confirm$/);
    for (const word of ["mpesa", "safaricom", "exe", "cmd", "sql", "query"])
      expect(registration.confirmationUrl.toLowerCase()).not.toContain(word);
    const stored = await prisma.c2bRegistration.findFirstOrThrow({ where: { ok: true } });
    // Only the token's hash is kept.
    expect(stored.confirmationUrl).not.toMatch(/[0-9a-f]{48}/);
  });

  it("tells the owner in words when Daraja refuses, e.g. URLs already registered in production", async () => {
    harness.emulator.control.setOptions({ c2bRegisterOnce: true });
    try {
      const outcome = await registerC2bUrls("owner@duka.test");
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toMatch(/already registered/i);
      expect(outcome.message).toMatch(/Safaricom/);
    } finally {
      harness.emulator.control.setOptions({ c2bRegisterOnce: false });
    }
  });
});

describe("registering with the emulator at start", () => {
  it("registers again with a restarted emulator although the database keeps an earlier success", async () => {
    // `npm run dev` keeps the database in .data; the emulator starts afresh each time, knowing no URLs.
    expect(await prisma.c2bRegistration.count({ where: { ok: true } })).toBeGreaterThan(0);
    const restarted = await startEmulator({ port: 0, quiet: true });
    try {
      configurePayments({
        daraja: createDarajaClient({
          ...env.mpesa,
          env: "emulator",
          baseUrl: restarted.url,
          timeoutMs: 1500,
        }),
      });
      await registerWithEmulatorAtStart(1);
      const registration = restarted.control.c2bRegistrations().find((r) => r.shortcode === SHORTCODE);
      expect(registration?.confirmationUrl).toMatch(/\/api\/payments\/paybill\/[0-9a-f]{48}\/confirm$/);
    } finally {
      configurePayments(harness.defaults);
      await restarted.stop();
    }
  });
});

describe("registering from a bad address", () => {
  it("refuses a PUBLIC_URL with a word Daraja filters before calling Daraja, saying what to change", async () => {
    const registrations = harness.emulator.control.c2bRegistrations();
    configurePayments({ callbackBaseUrl: "http://mpesa-shop.example" });
    const outcome = await registerC2bUrls("owner@duka.test");
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/"mpesa".*Set PUBLIC_URL/);
    expect(harness.emulator.control.c2bRegistrations()).toEqual(registrations);
  });
});

describe("Pay Bill with the order number", () => {
  it("is offered on the order page, unasked once the prompt failed with 1037", async () => {
    const { publicId, phone, order } = await openOrder(520);
    const before = (await readOrderView(publicId))!.payByHand;
    expect(before).toMatchObject({
      kind: "paybill",
      businessNumber: SHORTCODE,
      accountNumber: accountNumberOf(order.reference),
      amountKes: 520,
      suggested: false,
    });
    await harness.emulator.control.timeout(phone);
    expect((await readOrderView(publicId))!.payByHand?.suggested).toBe(true);
  });

  it("pays the order when the shopper types the reference in lower case with spaces", async () => {
    const { product, publicId, order } = await openOrder(1800);
    const typed =
      `${accountNumberOf(order.reference).slice(0, 2)} ${accountNumberOf(order.reference).slice(2)}`.toLowerCase();
    const transaction = await payBill(typed, 1800);
    expect(transaction.outcome).toBe("completed");
    expect(transaction.validation?.responseBody).toContain('"ResultCode":"0"');
    expect(transaction.confirmation?.status).toBe(200);
    expect(transaction.body.TransAmount).toBe("1800.00");

    const paid = await readOrder(publicId);
    expect(paid).toMatchObject({ status: "PAID", mpesaReceipt: transaction.transId, needsAttention: false });
    expect(await stockOf(product.id)).toBe(1);
    // Paid by Pay Bill, the shopper is told like after a prompt.
    expect(
      await prisma.notification.count({ where: { orderId: order.id, kind: "ORDER_CONFIRMATION" } }),
    ).toBeGreaterThan(0);
    expect(await paymentOf(transaction.transId)).toMatchObject({
      status: "APPLIED",
      orderId: order.id,
      amountKes: 1800,
      billRefNumber: typed,
      msisdn: transaction.body.MSISDN,
    });
  });

  it("validation refuses an unknown account and a wrong amount, so no money leaves", async () => {
    const { order, publicId } = await openOrder(900);
    const unknown = await payBill("DK-ZZZZZZ", 900);
    expect(unknown).toMatchObject({ outcome: "refused", refusal: "C2B00012", confirmation: null });
    const wrongAmount = await payBill(order.reference, 899);
    expect(wrongAmount).toMatchObject({ outcome: "refused", refusal: "C2B00013" });
    expect(
      await prisma.c2bPayment.count({ where: { transId: { in: [unknown.transId, wrongAmount.transId] } } }),
    ).toBe(0);
    expect((await readOrder(publicId)).status).toBe("PENDING");
  });

  it("records a duplicated confirmation once: one payment, both deliveries stored", async () => {
    harness.emulator.control.setOptions({ c2bValidation: false });
    try {
      const { publicId, order } = await openOrder(450);
      const transaction = await payBill(order.reference, 450);
      const again = await postConfirmation(transaction.body);
      expect(again).toEqual({ status: 200, json: { ResultCode: 0, ResultDesc: "Accepted" } });
      expect(await prisma.c2bPayment.count({ where: { transId: transaction.transId } })).toBe(1);
      const events = await prisma.c2bEvent.findMany({
        where: { transId: transaction.transId },
        orderBy: { receivedAt: "asc" },
      });
      expect(events.map((e) => e.verdict)).toEqual(["APPLIED", "DUPLICATE"]);
      expect((await readOrder(publicId)).needsAttention).toBe(false);
    } finally {
      harness.emulator.control.setOptions({ c2bValidation: true });
    }
  });
});

describe("amounts that do not match (no external validation)", () => {
  beforeAll(() => void harness.emulator.control.setOptions({ c2bValidation: false }));

  it("records a part payment, flags the balance, and pays the order when the balance arrives", async () => {
    const { publicId, order, phone } = await openOrder(1000);
    const first = await payBill(order.reference, 600);
    let current = await readOrder(publicId);
    expect(current.status).toBe("PENDING");
    expect(current.needsAttention).toBe(true);
    expect(current.attentionReason).toContain("KES 400 due");
    expect((await paymentOf(first.transId)).status).toBe("APPLIED");
    // The shopper sees what arrived and pays the balance the same way.
    expect((await readOrderView(publicId))!.payByHand).toMatchObject({
      amountKes: 400,
      receivedKes: 600,
      suggested: true,
    });
    // A prompt would ask for the whole total again: only the balance, by Pay Bill.
    await harness.emulator.control.cancel(phone);
    expect(await retryPayment(publicId)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/balance/),
    });

    const rest = await payBill(order.reference, 400);
    current = await readOrder(publicId);
    expect(current.status).toBe("PAID");
    expect(current.mpesaReceipt).toBe(rest.transId);
  });

  it("marks an overpaid order paid and flags the difference for refund", async () => {
    const { publicId, order } = await openOrder(500);
    await payBill(order.reference, 700);
    const paid = await readOrder(publicId);
    expect(paid.status).toBe("PAID");
    expect(paid.attentionReason).toMatch(/refund KES 200/);
  });

  it("flags a second payment for an order already paid", async () => {
    const { publicId, order } = await openOrder(300);
    const first = await payBill(order.reference, 300);
    const second = await payBill(order.reference, 300);
    const paid = await readOrder(publicId);
    expect(paid).toMatchObject({ status: "PAID", mpesaReceipt: first.transId, needsAttention: true });
    expect(paid.attentionReason).toContain(`second payment (${second.transId}`);
    expect(await paymentOf(second.transId)).toMatchObject({ status: "APPLIED", orderId: order.id });
  });

  it("a late payment after expiry takes the stock again, or is flagged when the stock is gone", async () => {
    const { product, publicId, order, phone } = await openOrder(250, 1);
    await harness.emulator.control.timeout(phone);
    clock.advance(20 * 60);
    await expireDueOrders();
    expect((await readOrder(publicId)).status).toBe("EXPIRED");
    expect(await stockOf(product.id)).toBe(1);
    await payBill(order.reference, 250);
    const revived = await readOrder(publicId);
    expect(revived.status).toBe("PAID");
    expect(revived.attentionReason).toMatch(/stock was taken again/);
    expect(await stockOf(product.id)).toBe(0);

    const other = await openOrder(260, 1);
    await harness.emulator.control.timeout(other.phone);
    clock.advance(20 * 60);
    await expireDueOrders();
    await prisma.productVariant.update({ where: { id: other.product.variantId }, data: { stock: 0 } });
    await payBill(other.order.reference, 260);
    const gone = await readOrder(other.publicId);
    expect(gone.status).toBe("EXPIRED");
    expect(gone.attentionReason).toMatch(/stock is gone: refund or restock/);
  });

  it("puts a payment for no order in the unmatched list; the owner attaches it (audited) or refunds it", async () => {
    const { publicId, order, phone } = await openOrder(1234);
    const stray = await payBill("my order", 1234, phone);
    expect((await paymentOf(stray.transId)).status).toBe("UNMATCHED");

    const listed = (await listUnmatchedPayments()).find((p) => p.transId === stray.transId)!;
    expect(listed.suggestions[0]).toMatchObject({ reference: order.reference, phoneMatches: true });

    const attached = await attachPayment(listed.id, order.reference.toLowerCase(), "owner@duka.test");
    expect(attached.ok).toBe(true);
    expect((await readOrder(publicId)).status).toBe("PAID");
    expect(await paymentOf(stray.transId)).toMatchObject({
      status: "APPLIED",
      resolvedBy: "owner@duka.test",
    });
    expect((await attachPayment(listed.id, order.reference, "owner@duka.test")).ok).toBe(false);

    const another = await payBill("???", 50);
    const refund = await refundPayment((await paymentOf(another.transId)).id, "owner@duka.test");
    expect(refund.ok).toBe(true);
    expect(await paymentOf(another.transId)).toMatchObject({
      status: "REFUNDED",
      resolvedBy: "owner@duka.test",
    });
  });
});

describe("tills (Buy Goods)", () => {
  it("lands a till payment in the unmatched list with the same-amount order suggested", async () => {
    harness.emulator.control.setOptions({ tills: { "5555555": SHORTCODE } });
    const { order } = await openOrder(777);
    const phone = freshPhone();
    const transaction = await harness.emulator.control.buyGoods("5555555", 777, phone);
    expect(transaction.outcome).toBe("completed");
    expect(transaction.body).toMatchObject({
      TransactionType: "Buy Goods",
      BillRefNumber: "",
      BusinessShortCode: SHORTCODE,
    });
    const listed = (await listUnmatchedPayments()).find((p) => p.transId === transaction.transId)!;
    expect(listed.suggestions.map((s) => s.reference)).toContain(order.reference);
  });
});

describe("bad input to the confirmation URL", () => {
  const sample = (): C2bNotificationBody => ({
    TransactionType: "Pay Bill",
    TransID: `T${Date.now().toString(36).toUpperCase()}X`,
    TransTime: "20261129104512",
    TransAmount: "1800.00",
    BusinessShortCode: SHORTCODE,
    BillRefNumber: "nothing",
    InvoiceNumber: "",
    OrgAccountBalance: "49197.00",
    ThirdPartyTransID: "",
    MSISDN: "2547 ***** 149",
    FirstName: "JOHN",
    MiddleName: "",
    LastName: "",
  });

  it("calls only one of many simultaneous confirmations of a payment for no order applied", async () => {
    const body = {
      ...sample(),
      TransID: `U${Date.now().toString(36).toUpperCase()}Z`,
      BillRefNumber: "no such",
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => postConfirmation(body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await paymentOf(body.TransID)).status).toBe("UNMATCHED");
    const verdicts = await prisma.c2bEvent.findMany({ where: { transId: body.TransID } });
    expect(verdicts.map((e) => e.verdict).sort()).toEqual(["APPLIED", ...Array(7).fill("DUPLICATE")]);
  });

  it("records malformed JSON, missing fields and huge bodies without a 5xx or a payment", async () => {
    const before = await prisma.c2bPayment.count();
    for (const body of [
      "{not json",
      JSON.stringify({ TransID: "" }),
      JSON.stringify({ ...sample(), TransAmount: "abc" }),
      "x".repeat(200_000),
    ]) {
      const answer = await postConfirmation(body);
      expect(answer.status).toBe(200);
    }
    expect(await prisma.c2bPayment.count()).toBe(before);
    const rejected = await prisma.c2bEvent.findMany({ where: { verdict: "REJECTED" } });
    expect(rejected.map((e) => e.reason)).toEqual(
      expect.arrayContaining(["malformed JSON", "body over the size limit"]),
    );
  });

  it("answers a wrong path token with 404 and records nothing", async () => {
    const events = await prisma.c2bEvent.count();
    const wrong = confirmUrl.replace(/[0-9a-f]{48}/, "0".repeat(48));
    expect((await postConfirmation(sample(), wrong)).status).toBe(404);
    expect(await prisma.c2bEvent.count()).toBe(events);
  });

  it("a confirmation stored but not applied (the database failed midway) is applied by the reconcile job", async () => {
    const { publicId, order } = await openOrder(830);
    const body = { ...sample(), BillRefNumber: order.reference, TransAmount: "830.00" };
    await prisma.c2bEvent.create({
      data: {
        kind: "CONFIRMATION",
        rawBody: JSON.stringify(body),
        headers: {},
        receivedAt: new Date(Date.now() - 60_000),
      },
    });
    await reconcileAll();
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID", mpesaReceipt: body.TransID });
    const event = await prisma.c2bEvent.findFirstOrThrow({ where: { transId: body.TransID } });
    expect(event.reason).toMatch(/^replayed: /);
  });

  it("keeps a hashed MSISDN as given and never matches on it", async () => {
    const hashed = { ...sample(), MSISDN: "a".repeat(64) };
    expect((await postConfirmation(hashed)).status).toBe(200);
    expect(await paymentOf(hashed.TransID)).toMatchObject({ msisdn: hashed.MSISDN, status: "UNMATCHED" });
  });
});

describe("a confirmation cut off on the way (the shop slower than M-Pesa waits)", () => {
  it("is recorded as cut off, not as garbage, and the seller is shown when it came", async () => {
    const { publicId, order } = await openOrder(760);
    harness.emulator.control.fault({ target: "confirmation", kind: "cut" });
    const sent = new Date();
    const transaction = await payBill(order.reference, 760);
    expect(transaction).toMatchObject({ outcome: "completed", confirmation: { error: "cut off (fault)" } });

    const event = await waitFor(
      () =>
        prisma.c2bEvent.findFirst({
          where: { kind: "CONFIRMATION", verdict: { not: "RECEIVED" }, receivedAt: { gte: sent } },
        }),
      { what: "the cut-off confirmation's verdict" },
    );
    expect(event).toMatchObject({ verdict: "REJECTED", reason: CUT_OFF });
    // Nothing invented from half a body: no payment, the order still waits for its money.
    expect(await prisma.c2bPayment.count({ where: { transId: transaction.transId } })).toBe(0);
    expect((await readOrder(publicId)).status).toBe("PENDING");
    expect(await listCutOffConfirmations()).toEqual([{ id: event.id, receivedAt: event.receivedAt }]);

    // An ordinary malformed body is not counted among them.
    await postConfirmation("{ not json");
    expect(await listCutOffConfirmations()).toHaveLength(1);
  });
});
