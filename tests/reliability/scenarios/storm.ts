/**
 * Callback storm: every attempt's result delivered three times, shuffled, 32 at a time. Checkouts go through
 * the real flow; the emulator settles each prompt with its callback held back (a drop fault), and the runner
 * then delivers the held bodies itself, so it controls the duplication and the order. Every fifth order is
 * placed to pay on delivery: no prompt at checkout, then the seller's "Send M-Pesa prompt" at the door (every
 * other one to a number typed there), whose callbacks storm with the rest. Every third checkout applies a
 * 10 % code: its prompt asks for the discounted total, and the code counts one use per paid order.
 */
import { randomInt } from "node:crypto";
import type { LedgerEntry } from "@/emulator";
import { prisma } from "@/lib/db";
import { codeVersion } from "@/lib/discounts/codes";
import { openFlags } from "@/lib/payments/core/flags";
import { sendDoorPrompt } from "@/lib/payments/on-delivery/door";
import type { Stack } from "../support/stack";
import {
  callbacksApplied,
  attemptsByToken,
  checkout,
  createProduct,
  freshPhone,
  mapLimit,
  postCallback,
  shuffle,
  tokenOfUrl,
} from "../support/shop";
import { Tally } from "../support/tally";
import { rowsInSlices } from "../../support/id-chunks";

const OUTCOMES = [
  [0.6, "pay"],
  [0.75, "cancel"],
  [0.85, "insufficient"],
  [0.9, "wrongPin"],
  [1, "timeout"],
] as const;

function pickOutcome() {
  const r = Math.random();
  return OUTCOMES.find(([upTo]) => r < upTo)![1];
}

const POD_EVERY = 5;
const onDelivery = (i: number) => i % POD_EVERY === 0;

export type SettledCallback = { token: string; body: string; checkoutRequestId: string; paid: boolean };

export async function storm(
  stack: Stack,
  count: number,
): Promise<{ tally: Tally; settled: SettledCallback[] }> {
  const tally = new Tally("storm");
  const { control } = stack.emulator;
  const products = await Promise.all(
    [1, 49, 500, 1250, 9999].map((priceKes) => createProduct({ stock: 100_000_000, priceKes })),
  );
  const discount = await prisma.discountCode.create({
    data: { code: `STORM${randomInt(1_000_000)}`, kind: "PERCENT", value: 10 },
  });
  const code = { code: discount.code.toLowerCase(), version: codeVersion(discount) };
  control.fault({ target: "callback", kind: "drop", probability: 1 });

  const phones = Array.from({ length: count }, freshPhone);
  const started = Date.now();
  const checkouts = await mapLimit(phones, 16, (phone, i) =>
    checkout(products[i % products.length]!.id, phone, {
      quantity: 1 + (i % 3),
      onDelivery: onDelivery(i),
      code: i % 3 === 0 ? code : null,
    }),
  );
  tally.note(`${count} checkouts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  tally.invariant(
    checkouts.every((c) => c.ok),
    `${checkouts.filter((c) => !c.ok).length} checkouts refused`,
  );
  const door = await doorPrompts(tally, stack, phones, checkouts);

  const phoneSet = new Set([...phones, ...door.typedPhones]);
  const prompts = control.ledger().entries.filter((e) => phoneSet.has(e.phone) && e.state === "open");
  let expectedPaid = 0;
  const settled = await mapLimit(prompts, 32, async (prompt): Promise<SettledCallback> => {
    const outcome = pickOutcome();
    const delivery = await control[outcome](prompt.checkoutRequestId);
    if (outcome === "pay") expectedPaid += prompt.amount;
    return {
      token: tokenOfUrl(prompt.callbackUrl),
      body: JSON.stringify(delivery.body),
      checkoutRequestId: prompt.checkoutRequestId,
      paid: outcome === "pay",
    };
  });
  control.clearFaults();

  const posts = shuffle(settled.flatMap((s) => [s, s, s]));
  const t0 = Date.now();
  const postedSince = new Date();
  const statuses = await mapLimit(posts, 32, (s) => postCallback(stack.app.url, s.token, s.body));
  tally.note(`${posts.length} callback POSTs in ${((Date.now() - t0) / 1000).toFixed(1)} s (32 concurrent)`);
  const okByToken = new Map<string, number>();
  posts.forEach(
    (s, i) => statuses[i]!.status === 200 && okByToken.set(s.token, (okByToken.get(s.token) ?? 0) + 1),
  );
  const failedPosts = statuses.filter((s) => s.status !== 200);
  tally.invariant(
    failedPosts.length === 0,
    `${failedPosts.length} POSTs not answered 200 (e.g. ${JSON.stringify(failedPosts[0])})`,
  );

  await callbacksApplied(postedSince);
  tally.note(`all applied ${((Date.now() - t0) / 1000).toFixed(1)} s after the first POST`);
  await checkInvariants(tally, stack, prompts, okByToken, expectedPaid, door.customerOf);
  await checkDiscounts(tally, discount.id);
  return { tally, settled };
}

/**
 * The seller at the door: pay-on-delivery orders were placed without a push; each now gets one prompt, to the
 * customer's number or (every other order) to one typed at the door. Returns the typed numbers and, per
 * order, the customer's number the order must keep.
 */
async function doorPrompts(
  tally: Tally,
  stack: Stack,
  phones: string[],
  checkouts: Awaited<ReturnType<typeof checkout>>[],
) {
  const placed = phones.flatMap((phone, i) => {
    const c = checkouts[i]!;
    return onDelivery(i) && c.ok ? [{ phone, publicId: c.publicId, typed: i % (2 * POD_EVERY) === 0 }] : [];
  });
  const podPhones = new Set(placed.map((p) => p.phone));
  const early = stack.emulator.control.ledger().entries.filter((e) => podPhones.has(e.phone));
  tally.invariant(early.length === 0, `${early.length} pay-on-delivery orders prompted at checkout`);
  const orders = await prisma.order.findMany({
    where: { publicId: { in: placed.map((p) => p.publicId) } },
    select: { publicId: true, reference: true, paymentMethod: true, status: true },
  });
  const byPublicId = new Map(orders.map((o) => [o.publicId, o]));
  const typedPhones: string[] = [];
  const customerOf = new Map<string, string>();
  const sent = await mapLimit(placed, 16, async (p) => {
    const order = byPublicId.get(p.publicId);
    if (order?.paymentMethod !== "ON_DELIVERY" || order.status !== "PENDING") return false;
    customerOf.set(order.reference, p.phone);
    const typed = p.typed ? freshPhone() : undefined;
    if (typed) typedPhones.push(typed);
    return (await sendDoorPrompt(order.reference, typed, "rider@reliability.test")).ok;
  });
  const refused = sent.filter((ok) => !ok).length;
  tally.invariant(refused === 0, `${refused} of ${placed.length} door prompts not sent`);
  tally.note(
    `${placed.length} orders paid on delivery, prompted at the door (${typedPhones.length} to a typed number)`,
  );
  return { typedPhones, customerOf };
}

async function checkInvariants(
  tally: Tally,
  stack: Stack,
  prompts: LedgerEntry[],
  okByToken: Map<string, number>,
  expectedPaid: number,
  /** Pay-on-delivery orders by reference: the customer's number, which the order keeps whoever paid. */
  customerOf: Map<string, string>,
) {
  const ledger = new Map(stack.emulator.control.ledger().entries.map((e) => [e.checkoutRequestId, e]));
  const attempts = await attemptsByToken(prompts.map((p) => tokenOfUrl(p.callbackUrl)));
  const ids = [...attempts.values()].flatMap((a) => (a ? [a.id] : []));
  const events = await rowsInSlices(ids, (slice) =>
    prisma.callbackEvent.groupBy({
      by: ["attemptId", "verdict"],
      where: { attemptId: { in: slice } },
      _count: { _all: true },
    }),
  );
  const eventCount = (attemptId: string, verdict?: string) =>
    events
      .filter((e) => e.attemptId === attemptId && (!verdict || e.verdict === verdict))
      .reduce((n, e) => n + e._count._all, 0);
  const orderIds = [...new Set([...attempts.values()].flatMap((a) => (a ? [a.orderId] : [])))];
  const succeededPerOrder = await rowsInSlices(orderIds, (slice) =>
    prisma.paymentAttempt.groupBy({
      by: ["orderId"],
      where: { orderId: { in: slice }, status: "SUCCEEDED" },
      _count: { _all: true },
    }),
  );

  let paidTotal = 0;
  let recorded = 0;
  for (const prompt of prompts) {
    const token = tokenOfUrl(prompt.callbackUrl);
    const attempt = attempts.get(token);
    const final = ledger.get(prompt.checkoutRequestId)!;
    if (!attempt) {
      tally.unit([`no attempt for ${prompt.checkoutRequestId}`]);
      continue;
    }
    const { order } = attempt;
    const oks = okByToken.get(token) ?? 0;
    recorded += eventCount(attempt.id);
    if (order.status === "PAID") paidTotal += order.totalKes;
    const paid = final.state === "paid";
    tally.unit([
      paid &&
        attempt.status !== "SUCCEEDED" &&
        `${attempt.id}: paid in the ledger, attempt ${attempt.status}`,
      paid &&
        (attempt.receipt !== final.receipt || order.mpesaReceipt !== final.receipt) &&
        `${attempt.id}: receipt ${attempt.receipt}/${order.mpesaReceipt} vs ledger ${final.receipt}`,
      !paid &&
        attempt.status !== "FAILED" &&
        `${attempt.id}: failed (${final.resultCode}) in the ledger, attempt ${attempt.status}`,
      !paid &&
        attempt.resultCode !== String(final.resultCode) &&
        `${attempt.id}: result code ${attempt.resultCode} vs ${final.resultCode}`,
      order.status !== (paid ? "PAID" : "FAILED") &&
        `${order.reference}: order ${order.status}, ledger ${final.state}`,
      order.status === "PAID" &&
        attempt.status !== "SUCCEEDED" &&
        `${order.reference}: paid without a successful attempt`,
      order.totalKes !== final.amount &&
        `${order.reference}: total ${order.totalKes} vs prompt ${final.amount}`,
      order.needsAttention &&
        `${order.reference}: flagged: ${(await openFlags(prisma, order.id)).map((f) => f.note).join(" | ")}`,
      eventCount(attempt.id) !== oks &&
        `${attempt.id}: ${eventCount(attempt.id)} callbacks recorded, ${oks} answered 200`,
      eventCount(attempt.id, "APPLIED") !== 1 &&
        `${attempt.id}: applied ${eventCount(attempt.id, "APPLIED")} times`,
      customerOf.has(order.reference) &&
        !(attempt.atTheDoor && order.paymentMethod === "ON_DELIVERY") &&
        `${order.reference}: paid on delivery, but its prompt was not the door's`,
      customerOf.has(order.reference) &&
        order.phone !== customerOf.get(order.reference) &&
        `${order.reference}: the order's number became ${order.phone} (the customer's is ${customerOf.get(order.reference)})`,
    ]);
  }
  const paidTwice = succeededPerOrder.filter((g) => g._count._all > 1).length;
  tally.invariant(paidTwice === 0, `${paidTwice} orders with more than one successful attempt`);
  const ledgerPaid = prompts.reduce(
    (sum, p) => sum + (ledger.get(p.checkoutRequestId)!.state === "paid" ? p.amount : 0),
    0,
  );
  tally.invariant(
    paidTotal === ledgerPaid && paidTotal === expectedPaid,
    `paid total KES ${paidTotal}, emulator ${ledgerPaid}, expected ${expectedPaid}`,
  );
  const oks = [...okByToken.values()].reduce((a, b) => a + b, 0);
  tally.invariant(recorded === oks, `${recorded} callbacks recorded, ${oks} answered 200`);
  tally.note(
    `paid KES ${paidTotal} on ${prompts.filter((p) => ledger.get(p.checkoutRequestId)!.state === "paid").length} orders; ${recorded} callbacks recorded`,
  );
}

/** Discounted orders charge goods + delivery - discount, and the code counted exactly its paid orders. */
async function checkDiscounts(tally: Tally, codeId: string) {
  const orders = await prisma.order.findMany({ where: { discountCodeId: codeId }, include: { items: true } });
  for (const order of orders) {
    const goods = order.items.reduce((sum, i) => sum + i.unitPriceKes * i.quantity, 0);
    tally.unit([
      order.discountKes <= 0 && goods >= 10 && `${order.reference}: code applied but nothing off`,
      order.totalKes !== goods + order.deliveryFeeKes - order.discountKes &&
        `${order.reference}: total ${order.totalKes} vs ${goods} + ${order.deliveryFeeKes} - ${order.discountKes}`,
    ]);
  }
  const paid = orders.filter((o) => o.status === "PAID");
  const { usesCount } = await prisma.discountCode.findUniqueOrThrow({ where: { id: codeId } });
  tally.invariant(
    orders.length > 0 && usesCount === paid.length,
    `code used on ${orders.length} orders, ${paid.length} paid, ${usesCount} uses counted`,
  );
  tally.note(
    `${orders.length} orders with the code (${paid.length} paid, KES ${paid.reduce((s, o) => s + o.discountKes, 0)} off)`,
  );
}

export const randomCheckoutRequestId = () => `ws_CO_${Date.now()}${randomInt(1_000_000_000)}`;
