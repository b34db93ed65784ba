/**
 * Refunds (issue 25): hundreds of paid orders, two refund requests racing on each (whole + whole, half +
 * half, whole + half), while the emulator duplicates, drops, delays and queue-times-out a share of the
 * results, and the app that receives them is killed with SIGKILL mid-way and started again. After the
 * reconcile job (Transaction Status for what got no result) every refund must be settled, applied once,
 * agree with what the emulator paid out, and no order may have more committed or paid out than it received.
 */
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { orderMoney } from "@/lib/payments/core/money";
import { reconcileRefunds } from "@/lib/payments/refunds/reconcile";
import { startRefund } from "@/lib/payments/refunds/send";
import { configurePayments, payments } from "@/lib/payments/shared/context";
import { refundingDaraja, type Stack } from "../support/stack";
import { checkout, createProduct, freshPhone, mapLimit, sleep, waitFor } from "../support/shop";
import { Tally } from "../support/tally";

const PRICE_KES = 900;

/** The runner's payment flow may refund: the emulator's own operator, and short waits before look-ups. */
function refundsOn(stack: Stack) {
  configurePayments({
    daraja: refundingDaraja(stack),
    refundsOffReason: null,
    refundResultWaitSeconds: 4,
    refundQueryEverySeconds: 2,
    refundMaxQueries: 8,
  });
}

/** Paid orders: checked out here, paid on the emulator's phone, the callback applied by the app. */
async function paidOrders(stack: Stack, count: number) {
  const product = await createProduct({ stock: 1_000_000, priceKes: PRICE_KES });
  const phones = Array.from({ length: count }, freshPhone);
  const placed = await mapLimit(phones, 8, (phone) => checkout(product.id, phone));
  const publicIds = placed.flatMap((r) => (r.ok ? [r.publicId] : []));
  const prompts = stack.emulator.control.ledger().entries.filter((e) => phones.includes(e.phone));
  await mapLimit(prompts, 8, (p) => stack.emulator.control.pay(p.checkoutRequestId));
  const paid = () => prisma.order.findMany({ where: { publicId: { in: publicIds }, status: "PAID" } });
  await waitFor(async () => (await paid()).length === publicIds.length, "refund orders paid", 60_000);
  return paid();
}

const key = () => randomBytes(12).toString("hex");

/** Two requests racing on one order: both whole, both half, or one whole and one half. */
function rivals(orderId: string, i: number, totalKes: number) {
  const half = Math.floor(totalKes / 2);
  const [a, b] = [
    [totalKes, totalKes],
    [half, half],
    [totalKes, half],
  ][i % 3]!;
  const ask = (amountKes: number) =>
    startRefund({
      orderId,
      amountKes,
      reason: "Reliability",
      restock: false,
      idempotencyKey: key(),
      by: "owner@duka.test",
    });
  return Promise.all([ask(a!), ask(b!)]);
}

export async function refunds(stack: Stack, count: number, reconcileRoute: () => Promise<void>) {
  const tally = new Tally("refunds");
  const { control } = stack.emulator;
  const before = payments();
  refundsOn(stack);
  try {
    const orders = await paidOrders(stack, count);
    tally.note(`${orders.length} paid orders`);
    control.setB2cBalance(1_000_000_000);
    control.fault({ target: "result", kind: "duplicate", probability: 0.2 });
    control.fault({ target: "result", kind: "drop", probability: 0.15 });
    control.fault({ target: "result", kind: "delay", probability: 0.2, delayMs: 1500 });
    control.fault({ target: "result", kind: "queueTimeout", probability: 0.05 });

    const third = Math.floor(orders.length / 3);
    let restarted: Promise<void> | null = null;
    const asked = await mapLimit(orders, 8, async (order, i) => {
      if (i === third) {
        stack.app.kill9();
        tally.note(`kill -9 after ${third} of ${orders.length} orders' refund requests were started`);
      }
      if (i >= 2 * third) {
        restarted ??= stack.app.start().then(() => tally.note("app restarted"));
        await restarted;
      }
      return rivals(order.id, i, order.totalKes);
    });
    const accepted = asked.flat().filter((r) => r.ok).length;
    tally.note(
      `${accepted} of ${asked.length * 2} refund requests accepted (the rest refused: over received)`,
    );
    control.clearFaults();

    // Results lost to the dead app, dropped or timed out: the reconcile job asks Transaction Status.
    const ids = orders.map((o) => o.id);
    for (let round = 0; round < 40; round++) {
      const open = await prisma.refund.count({
        where: { orderId: { in: ids }, status: { in: ["REQUESTED", "SENT"] } },
      });
      if (open === 0) break;
      await sleep(1000 * Math.min(4, round + 1));
      const done = await reconcileRefunds(1000);
      tally.note(`reconcile round ${round + 1}: ${open} open, ${JSON.stringify(done)}`);
    }
    await reconcileRoute();
    await sleep(2000); // the last Transaction Status results
    await check(tally, stack, ids);
  } finally {
    control.clearFaults();
    configurePayments(before);
  }
  return tally;
}

async function check(tally: Tally, stack: Stack, orderIds: string[]) {
  const moneyOut = stack.emulator.control.moneyOutDetails();
  const [refunds, events] = await Promise.all([
    prisma.refund.findMany({ where: { orderId: { in: orderIds } } }),
    prisma.orderEvent.findMany({
      where: { orderId: { in: orderIds }, kind: "REFUND_SUCCEEDED" },
      select: { orderId: true, amountKes: true },
    }),
  ]);
  const states: Record<string, number> = {};
  for (const orderId of orderIds) {
    const mine = refunds.filter((r) => r.orderId === orderId);
    const money = await orderMoney(prisma, orderId);
    const committed = mine.filter((r) => r.status !== "FAILED").reduce((s, r) => s + r.amountKes, 0);
    const succeeded = mine.filter((r) => r.status === "SUCCEEDED");
    const succeededKes = succeeded.reduce((s, r) => s + r.amountKes, 0);
    const eventsKes = events.filter((e) => e.orderId === orderId).reduce((s, e) => s + (e.amountKes ?? 0), 0);
    const problems: (string | false)[] = [
      committed > money.receivedKes &&
        `${orderId}: KES ${committed} committed of ${money.receivedKes} received`,
      eventsKes !== succeededKes &&
        `${orderId}: refund events count KES ${eventsKes}, succeeded refunds KES ${succeededKes}`,
      money.refundedKes !== succeededKes &&
        `${orderId}: the order's money says KES ${money.refundedKes} refunded, refunds KES ${succeededKes}`,
    ];
    let paidOut = 0;
    for (const r of mine) {
      states[r.status] = (states[r.status] ?? 0) + 1;
      const sent = moneyOut.filter((m) =>
        r.method === "B2C"
          ? m.originatorConversationId === r.originatorConversationId
          : m.api === "reversal" && m.transactionId === r.originalReceipt,
      );
      const done = sent.filter((m) => m.resultCode === "0");
      paidOut += done.reduce((s, m) => s + m.amount, 0);
      problems.push(
        (r.status === "REQUESTED" || r.status === "SENT" || r.status === "UNKNOWN") &&
          `${r.id}: still ${r.status}`,
        r.method === "B2C" && sent.length > 1 && `${r.id}: B2C sent ${sent.length} times`,
        r.status === "SUCCEEDED" && done.length === 0 && `${r.id}: SUCCEEDED but the emulator paid nothing`,
        r.status === "FAILED" && done.length > 0 && `${r.id}: FAILED but the emulator paid it`,
      );
    }
    problems.push(
      paidOut > money.receivedKes && `${orderId}: emulator paid out KES ${paidOut} of ${money.receivedKes}`,
    );
    tally.unit(problems);
  }
  tally.note(`refund states: ${JSON.stringify(states)}`);
}
