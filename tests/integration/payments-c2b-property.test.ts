/**
 * Property: STK callbacks, STK queries and C2B (Pay Bill / Buy Goods) confirmations for the same order, in
 * any order, duplicated and mistyped: never paid twice, and every shilling received is on a paid order, on
 * a flagged order, or in the unmatched list, with sums exact.
 */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { C2bNotificationBody } from "@/emulator";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { resultOfCode } from "@/lib/payments/core/outcomes";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import { applyAttemptResult } from "@/lib/payments/stk/attempt-result";
import {
  callbackBody,
  checkout,
  clock,
  createProduct,
  freshPhone,
  newReceipt,
  postCallback,
  tokenOf,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const PRICE = 1200;
let confirmUrl = "";

beforeAll(async () => {
  expect((await registerC2bUrls("test")).ok).toBe(true);
  confirmUrl = harness.emulator.control
    .c2bRegistrations()
    .find((r) => r.shortcode === env.mpesa.shortcode)!.confirmationUrl;
});

const accountForm = fc.constantFrom("exact", "lower-spaced", "code-only", "garbage", "none");
const amount = fc.constantFrom(PRICE, PRICE, PRICE - 200, 200, PRICE + 100);
const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("stk" as const), success: fc.boolean(), receipt: fc.nat(1) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("query" as const), success: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("c2b" as const), accountForm, amount }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("replay" as const), index: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("expire" as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

type Run = {
  orderId: string;
  reference: string;
  attemptId: string;
  token: string;
  stkReceipts: string[];
  /** Every distinct C2B payment sent, by TransID. */
  c2bSent: Map<string, C2bNotificationBody>;
  deliveries: C2bNotificationBody[];
  paidAt: Date | null;
};

async function startRun(): Promise<Run> {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "CallbackEvent", "PaymentAttempt", "OrderItem", "Order", "RateLimitCounter", "C2bPayment", "C2bEvent" CASCADE`,
  );
  clock.reset();
  const product = await createProduct({ stock: 2, priceKes: PRICE });
  const phone = freshPhone();
  const started = await checkout(product.id, phone);
  if (!started.ok) throw new Error(started.message);
  const order = await prisma.order.findUniqueOrThrow({
    where: { publicId: started.publicId },
    include: { attempts: true },
  });
  return {
    orderId: order.id,
    reference: order.reference,
    attemptId: order.attempts[0]!.id,
    token: tokenOf(harness, phone)!,
    stkReceipts: [newReceipt(), newReceipt()],
    c2bSent: new Map(),
    deliveries: [],
    paidAt: null,
  };
}

function account(run: Run, form: string): string {
  const code = run.reference.slice(3);
  if (form === "exact") return run.reference;
  if (form === "lower-spaced") return `dk ${code.toLowerCase()}`;
  if (form === "code-only") return code;
  if (form === "garbage") return "order please";
  return "";
}

async function postC2b(run: Run, body: C2bNotificationBody) {
  run.deliveries.push(body);
  const response = await fetch(confirmUrl, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

async function apply(run: Run, s: Step) {
  const attempt = await prisma.paymentAttempt.findUniqueOrThrow({ where: { id: run.attemptId } });
  switch (s.kind) {
    case "stk": {
      const body = callbackBody(
        { checkoutRequestId: attempt.checkoutRequestId!, merchantRequestId: attempt.merchantRequestId },
        s.success ? { code: 0, amount: PRICE, receipt: run.stkReceipts[s.receipt] } : { code: 1037 },
      );
      expect((await postCallback(harness, run.token, body)).status).toBe(200);
      return;
    }
    case "query":
      await applyAttemptResult(
        attempt,
        s.success
          ? { kind: "success", source: "query", amountKes: null, receipt: null, transactionDate: null }
          : resultOfCode("1037", "Query says so", "query"),
      );
      return;
    case "c2b": {
      const billRef = account(run, s.accountForm);
      const body: C2bNotificationBody = {
        TransactionType: billRef ? "Pay Bill" : "Buy Goods",
        TransID: `Q${randomBytes(5).toString("hex").toUpperCase().slice(0, 9)}`,
        TransTime: "20261129104512",
        TransAmount: `${s.amount}.00`,
        BusinessShortCode: env.mpesa.shortcode,
        BillRefNumber: billRef,
        InvoiceNumber: "",
        OrgAccountBalance: "1000.00",
        ThirdPartyTransID: "",
        MSISDN: "2547 ***** 149",
        FirstName: "JOHN",
        MiddleName: "",
        LastName: "",
      };
      run.c2bSent.set(body.TransID, body);
      return postC2b(run, body);
    }
    case "replay": {
      const earlier = run.deliveries[s.index % Math.max(run.deliveries.length, 1)];
      return earlier ? postC2b(run, earlier) : undefined;
    }
    case "expire":
      clock.advance(31 * 60);
      return void (await expireDueOrders());
  }
}

async function checkInvariants(run: Run) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: run.orderId } });
  const attempt = await prisma.paymentAttempt.findUniqueOrThrow({ where: { id: run.attemptId } });
  const c2b = await prisma.c2bPayment.findMany();

  // Never paid twice: paidAt set once and never moves; PAID never leaves.
  if (run.paidAt) expect(order.paidAt).toEqual(run.paidAt);
  else run.paidAt = order.paidAt;
  expect(order.status === "PAID").toBe(order.paidAt !== null);

  // Every distinct C2B payment recorded exactly once, for exactly its amount.
  const sentTotal = [...run.c2bSent.values()].reduce((sum, b) => sum + Number(b.TransAmount), 0);
  expect(c2b).toHaveLength(run.c2bSent.size);
  expect(c2b.reduce((sum, p) => sum + p.amountKes, 0)).toBe(sentTotal);

  // Each shilling is on this order (APPLIED) or waiting in the unmatched list; nothing left unapplied.
  const onOrder = c2b.filter((p) => p.status === "APPLIED");
  expect(onOrder.every((p) => p.orderId === order.id)).toBe(true);
  expect(c2b.every((p) => p.status === "APPLIED" || p.status === "UNMATCHED")).toBe(true);
  const c2bOnOrder = onOrder.reduce((sum, p) => sum + p.amountKes, 0);
  // Unmatched exactly when the typed account names no order (or there was none: Buy Goods).
  const unmatchable = (p: { billRefNumber: string }) => ["", "order please"].includes(p.billRefNumber);
  expect(c2b.every((p) => (p.status === "UNMATCHED") === unmatchable(p))).toBe(true);

  // PAID only with enough money: a succeeded prompt, or C2B payments covering the total.
  const stkPaid = attempt.status === "SUCCEEDED";
  if (order.status === "PAID") expect(stkPaid || c2bOnOrder >= order.totalKes).toBe(true);
  // Money on an order that is not (exactly once) paid by it is never silent.
  const received = c2bOnOrder + (stkPaid ? order.totalKes : 0);
  if (c2bOnOrder > 0 && (order.status !== "PAID" || received > order.totalKes))
    expect(order.needsAttention).toBe(true);

  // Every confirmation delivered is stored and judged.
  const events = await prisma.c2bEvent.findMany({ where: { kind: "CONFIRMATION" } });
  expect(events).toHaveLength(run.deliveries.length);
  expect(events.filter((e) => e.verdict === "RECEIVED")).toEqual([]);
}

describe("STK and C2B payments for one order under any interleaving", () => {
  it("keep the money invariants", { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        const run = await startRun();
        for (const s of steps) {
          await apply(run, s);
          await checkInvariants(run);
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });
});
