/**
 * Property: whatever order callbacks (successes, failures, duplicates, forged ids, wrong amounts, bursts),
 * query results, retries, expiry and a rival shopper come in for one order, the money invariants hold.
 */
import "./support/embedded-db-pool";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StkCallbackBody } from "@/emulator";
import { prisma } from "@/lib/db";
import { resultOfCode } from "@/lib/payments/core/outcomes";
import { hashToken } from "@/lib/payments/shared/identifiers";
import { expireDueOrders } from "@/lib/payments/stk/reconcile";
import { retryPayment } from "@/lib/payments/stk/retry";
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

const FAILURE_CODES = [1, 17, 1001, 1032, 1037, 2001, 8006, "SFC_IC0003"] as const;

const rarely = fc.nat(9).map((n) => n === 0);
const result = fc.oneof(
  { weight: 1, arbitrary: fc.constant("success" as const) },
  { weight: 2, arbitrary: fc.constantFrom(...FAILURE_CODES) },
);
const callbackStep = fc.record({
  kind: fc.constant("callback" as const),
  target: fc.nat(4),
  result,
  wrongId: rarely,
  wrongAmount: rarely,
  receipt: fc.nat(2),
});
type CallbackStep = typeof callbackStep extends fc.Arbitrary<infer T> ? T : never;

const step = fc.oneof(
  { weight: 4, arbitrary: callbackStep },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("replay" as const), index: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("burst" as const),
      callbacks: fc.array(callbackStep, { minLength: 2, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("query" as const), target: fc.nat(4), result }) },
  // A shopper's retry, often right after cancelling the prompt on the phone.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("retry" as const), cancelFirst: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      seconds: fc.constantFrom(30, 61, 121, 16 * 60, 31 * 60),
    }),
  },
  // The reconcile job, possibly after the reservation (or an unanswered attempt's hold) has run out.
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("expire" as const),
      seconds: fc.constantFrom(0, 16 * 60, 31 * 60),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rival" as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

type Run = {
  productId: string;
  initialStock: number;
  orderId: string;
  publicId: string;
  /** Raw callback tokens by attempt id, from the CallBackURL each prompt carried. */
  tokens: Map<string, string>;
  receipts: string[];
  sent: { token: string; body: StkCallbackBody }[];
  paidAt: Date | null;
  paidTransitions: number;
};

async function startRun(initialStock: number): Promise<Run> {
  await prisma.$executeRawUnsafe(
    `TRUNCATE "CallbackEvent", "PaymentAttempt", "OrderItem", "Order", "RateLimitCounter" CASCADE`,
  );
  clock.reset();
  const product = await createProduct({ stock: initialStock, priceKes: 1200 });
  const phone = freshPhone();
  const started = await checkout(product.id, phone);
  if (!started.ok) throw new Error(started.message);
  const order = await prisma.order.findUniqueOrThrow({
    where: { publicId: started.publicId },
    include: { attempts: true },
  });
  return {
    productId: product.id,
    initialStock,
    orderId: order.id,
    publicId: order.publicId,
    tokens: new Map([[order.attempts[0]!.id, tokenOf(harness, phone)!]]),
    receipts: [newReceipt(), newReceipt(), newReceipt()],
    sent: [],
    paidAt: null,
    paidTransitions: 0,
  };
}

async function attemptsOf(run: Run) {
  return prisma.paymentAttempt.findMany({ where: { orderId: run.orderId }, orderBy: { createdAt: "asc" } });
}

async function sendCallback(run: Run, s: CallbackStep) {
  const attempts = (await attemptsOf(run)).filter((a) => run.tokens.has(a.id));
  const attempt = attempts[s.target % attempts.length]!;
  const body = callbackBody(
    {
      checkoutRequestId: s.wrongId ? "ws_CO_01012026000000000700000000" : attempt.checkoutRequestId!,
      merchantRequestId: attempt.merchantRequestId,
    },
    s.result === "success"
      ? {
          code: 0,
          amount: s.wrongAmount ? attempt.amountKes - 1 : attempt.amountKes,
          receipt: run.receipts[s.receipt],
          phone: attempt.phone,
        }
      : { code: s.result },
  );
  await deliver(run, run.tokens.get(attempt.id)!, body);
}

async function deliver(run: Run, token: string, body: StkCallbackBody) {
  run.sent.push({ token, body });
  const answer = await postCallback(harness, token, body);
  expect(answer.status).toBe(200);
}

async function apply(run: Run, s: Step) {
  switch (s.kind) {
    case "callback":
      return sendCallback(run, s);
    case "burst":
      return void (await Promise.all(s.callbacks.map((c) => sendCallback(run, c))));
    case "replay": {
      const earlier = run.sent[s.index % Math.max(run.sent.length, 1)];
      return earlier ? deliver(run, earlier.token, earlier.body) : undefined;
    }
    case "query": {
      const attempts = await attemptsOf(run);
      const attempt = attempts[s.target % attempts.length]!;
      await applyAttemptResult(
        attempt,
        s.result === "success"
          ? { kind: "success", source: "query", amountKes: null, receipt: null, transactionDate: null }
          : resultOfCode(String(s.result), "Query says so", "query"),
      );
      return;
    }
    case "retry": {
      if (s.cancelFirst) {
        const latest = (await attemptsOf(run)).filter((a) => run.tokens.has(a.id)).length - 1;
        await sendCallback(run, {
          kind: "callback",
          target: latest,
          result: 1032,
          wrongId: false,
          wrongAmount: false,
          receipt: 0,
        });
      }
      const phone = freshPhone();
      const retried = await retryPayment(run.publicId, phone);
      if (!retried.ok) return;
      const latest = (await attemptsOf(run)).at(-1)!;
      const token = tokenOf(harness, phone);
      if (token && latest.checkoutRequestId) run.tokens.set(latest.id, token);
      return;
    }
    case "advance":
      return clock.advance(s.seconds);
    case "expire":
      clock.advance(s.seconds);
      return void (await expireDueOrders());
    case "rival":
      return void (await checkout(run.productId, freshPhone()));
  }
}

async function checkInvariants(run: Run) {
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: run.orderId },
    include: { items: true },
  });
  const attempts = await attemptsOf(run);
  const product = await prisma.productVariant.findFirstOrThrow({ where: { productId: run.productId } });
  const reserved = await prisma.orderItem.aggregate({
    where: { productId: run.productId, order: { stockReserved: true } },
    _sum: { quantity: true },
  });

  // Stock never negative, and every unit is either on the shelf or held by exactly one order.
  expect(product.stock).toBeGreaterThanOrEqual(0);
  expect(product.stock + (reserved._sum.quantity ?? 0)).toBe(run.initialStock);

  // At most one PAID transition: paidAt is set once and never moves; PAID never leaves.
  if (run.paidAt) {
    expect(order.status).toBe("PAID");
    expect(order.paidAt).toEqual(run.paidAt);
  } else if (order.paidAt) {
    run.paidAt = order.paidAt;
    run.paidTransitions++;
  }
  expect(run.paidTransitions).toBeLessThanOrEqual(1);
  expect(order.status === "PAID").toBe(order.paidAt !== null);

  const succeeded = attempts.filter((a) => a.status === "SUCCEEDED");
  expect(attempts.every((a) => a.amountKes === order.totalKes)).toBe(true);
  expect(attempts.filter((a) => a.status === "PENDING" || a.status === "UNKNOWN").length).toBeLessThanOrEqual(
    1,
  );
  if (order.status === "PAID") {
    // PAID implies a succeeded attempt for the order's amount, and the order holds its stock.
    expect(succeeded.some((a) => a.amountKes === order.totalKes)).toBe(true);
    expect(order.stockReserved).toBe(true);
    if (order.mpesaReceipt) expect(succeeded.map((a) => a.receipt)).toContain(order.mpesaReceipt);
  }
  // Money received twice, or for an order that is not paid, is never silent.
  if (succeeded.length > 1 || (succeeded.length > 0 && order.status !== "PAID"))
    expect(order.needsAttention).toBe(true);

  // Every callback is recorded, and each was judged (none left unapplied by an error).
  const hashes = [...new Set(run.sent.map((s) => hashToken(s.token)))];
  const events = await prisma.callbackEvent.findMany({ where: { token: { in: hashes } } });
  expect(events).toHaveLength(run.sent.length);
  expect(events.filter((e) => e.verdict === "RECEIVED").map((e) => e.reason)).toEqual([]);
}

describe("payment state machine under any interleaving", () => {
  it("keeps the money invariants", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 }),
        fc.array(step, { minLength: 1, maxLength: 20 }),
        async (initialStock, steps) => {
          const run = await startRun(initialStock);
          await checkInvariants(run);
          for (const s of steps) {
            await apply(run, s);
            await checkInvariants(run);
          }
        },
      ),
      { numRuns: 50, endOnFailure: true },
    );
  });
});
