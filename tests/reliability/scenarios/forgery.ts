/**
 * Forgery: callbacks with unknown tokens, wrong CheckoutRequestIDs, wrong amounts, replayed bodies and
 * replayed receipts. None may pay an order or move another attempt. A wrong amount at a real callback URL
 * is by design the one that acts: its attempt fails (no retry) and its order is flagged, never paid.
 */
import { randomBytes, randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Stack } from "../support/stack";
import {
  callbacksApplied,
  attemptsByToken,
  checkout,
  createProduct,
  freshPhone,
  mapLimit,
  postCallback,
  tokenOfUrl,
  waitFor,
} from "../support/shop";
import { Tally } from "../support/tally";
import { randomCheckoutRequestId, type SettledCallback } from "./storm";
import { countInSlices } from "../../support/id-chunks";

type Target = {
  token: string;
  attemptId: string;
  orderId: string;
  checkoutRequestId: string;
  amount: number;
};

export function successBody(
  checkoutRequestId: string,
  amount: number,
  receipt = `F${randomBytes(5).toString("hex").toUpperCase().slice(0, 9)}`,
) {
  return JSON.stringify({
    Body: {
      stkCallback: {
        MerchantRequestID: "29115-34620561-1",
        CheckoutRequestID: checkoutRequestId,
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
        CallbackMetadata: {
          Item: [
            { Name: "Amount", Value: amount },
            { Name: "MpesaReceiptNumber", Value: receipt },
            { Name: "Balance" },
            { Name: "TransactionDate", Value: 20260919102115 },
            { Name: "PhoneNumber", Value: 254708374149 },
          ],
        },
      },
    },
  });
}

/** Pending attempts with open prompts; `lostPush` ones never learnt their CheckoutRequestID (push answer dropped). */
export async function pendingTargets(
  stack: Stack,
  count: number,
  { lostPush = false } = {},
): Promise<Target[]> {
  const product = await createProduct({ stock: 1_000_000, priceKes: 350 });
  const phones = Array.from({ length: count }, freshPhone);
  if (lostPush) stack.emulator.control.fault({ target: "push", kind: "drop", accepted: true, count });
  await mapLimit(phones, 8, (phone) => checkout(product.id, phone));
  const phoneSet = new Set(phones);
  const prompts = stack.emulator.control.ledger().entries.filter((e) => phoneSet.has(e.phone));
  const attempts = await attemptsByToken(prompts.map((p) => tokenOfUrl(p.callbackUrl)));
  return prompts.map((p) => {
    const attempt = attempts.get(tokenOfUrl(p.callbackUrl))!;
    return {
      token: tokenOfUrl(p.callbackUrl),
      attemptId: attempt.id,
      orderId: attempt.orderId,
      checkoutRequestId: p.checkoutRequestId,
      amount: p.amount,
    };
  });
}

/** What a wrong transition would change (needsAttention is checked on its own). */
export async function snapshot(attemptIds: string[]) {
  const rows = await prisma.paymentAttempt.findMany({
    where: { id: { in: attemptIds } },
    include: { order: true },
  });
  return new Map(
    rows.map((a) => [
      a.id,
      JSON.stringify([
        a.status,
        a.checkoutRequestId,
        a.receipt,
        a.resultCode,
        a.order.status,
        a.order.mpesaReceipt,
        a.order.paidAt,
        a.order.stockReserved,
      ]),
    ]),
  );
}

/** Cancels the targets' prompts so they settle (and later reconcile runs have nothing of ours to ask about). */
export async function settleTargets(stack: Stack, targets: Target[]) {
  const { control } = stack.emulator;
  await mapLimit(targets, 8, (t) => control.cancel(t.checkoutRequestId).catch(() => undefined));
  const ids = targets.map((t) => t.attemptId);
  await waitFor(
    async () =>
      (await countInSlices(ids, (slice) =>
        prisma.paymentAttempt.count({ where: { id: { in: slice }, status: { in: ["PENDING", "UNKNOWN"] } } }),
      )) === 0,
    "targets settled",
  );
}

export async function forgery(
  stack: Stack,
  count: number,
  stormCallbacks: SettledCallback[],
): Promise<Tally> {
  const tally = new Tally("forgery");
  const targets = await pendingTargets(stack, Math.max(5, Math.min(30, Math.ceil(count / 30))));
  const lost = await pendingTargets(stack, 5, { lostPush: true });
  const amountTargets = await pendingTargets(stack, 5);
  const paidStorm = stormCallbacks.filter((s) => s.paid);
  const stormAttempts = await attemptsByToken(paidStorm.slice(0, 200).map((s) => s.token));
  const watched = [...targets, ...lost]
    .map((t) => t.attemptId)
    .concat([...stormAttempts.values()].map((a) => a!.id));
  const before = await snapshot(watched);
  const since = new Date();
  const pick = <T>(xs: T[]) => xs[randomInt(xs.length)]!;

  const forgeries = Array.from({ length: count }, (_, i) => {
    const t = pick(targets);
    const genuine = pick(paidStorm);
    switch (i % 7) {
      case 0:
        return {
          kind: "unknown token",
          token: randomBytes(24).toString("hex"),
          body: successBody(t.checkoutRequestId, t.amount),
        };
      case 1:
        return {
          kind: "wrong CheckoutRequestID",
          token: t.token,
          body: successBody(randomCheckoutRequestId(), t.amount),
        };
      case 2: {
        // Round the amount targets in turn: a random pick left one without any (CI, 1 run in about 130).
        const a = amountTargets[Math.floor(i / 7) % amountTargets.length]!;
        return {
          kind: "wrong amount",
          token: a.token,
          body: successBody(a.checkoutRequestId, pick([a.amount - 1, a.amount + 1, a.amount * 10, 1])),
        };
      }
      case 3:
        return { kind: "another payment's body", token: t.token, body: genuine.body };
      case 4:
        return { kind: "replayed own body", token: genuine.token, body: genuine.body };
      case 5:
        return { kind: "another payment's id on a lost push", token: pick(lost).token, body: genuine.body };
      default: {
        const receipt = (
          JSON.parse(genuine.body) as {
            Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value?: unknown }[] } } };
          }
        ).Body.stkCallback.CallbackMetadata.Item.find((item) => item.Name === "MpesaReceiptNumber")!
          .Value as string;
        return {
          kind: "replayed receipt",
          token: t.token,
          body: successBody(t.checkoutRequestId, t.amount, receipt),
        };
      }
    }
  });
  const statuses = await mapLimit(forgeries, 32, (f) => postCallback(stack.app.url, f.token, f.body));
  await callbacksApplied(since);

  const after = await snapshot(watched);
  const changed = watched.filter((id) => before.get(id) !== after.get(id));
  forgeries.forEach((f, i) =>
    tally.unit([
      statuses[i]!.status !== 200 && `${f.kind}: HTTP ${statuses[i]!.status} ${statuses[i]!.error ?? ""}`,
    ]),
  );
  tally.invariant(
    changed.length === 0,
    `${changed.length} watched attempts/orders changed, e.g. ${changed[0]}: ${before.get(changed[0]!)} -> ${after.get(changed[0]!)}`,
  );
  // Applied callbacks, less those to the wrong-amount targets (an APPLIED event always names its attempt).
  const appliedSince = { receivedAt: { gte: since }, verdict: "APPLIED" as const };
  const applied =
    (await prisma.callbackEvent.count({ where: appliedSince })) -
    (await countInSlices(
      amountTargets.map((t) => t.attemptId),
      (slice) => prisma.callbackEvent.count({ where: { ...appliedSince, attemptId: { in: slice } } }),
    ));
  tally.invariant(applied === 0, `${applied} forged callbacks applied`);
  const flagged = await countInSlices(
    [...targets, ...lost].map((t) => t.orderId),
    (slice) => prisma.order.count({ where: { id: { in: slice }, needsAttention: true } }),
  );
  tally.invariant(flagged === 0, `${flagged} orders flagged by forgeries other than a wrong amount`);
  const amountOrders = await prisma.order.findMany({
    where: { id: { in: amountTargets.map((t) => t.orderId) } },
    include: { attempts: true },
  });
  for (const o of amountOrders) {
    tally.unit([
      o.status === "PAID" && `${o.reference}: paid by a wrong amount`,
      o.attempts[0]!.status === "SUCCEEDED" && `${o.reference}: attempt succeeded on a wrong amount`,
      !o.needsAttention && `${o.reference}: wrong amount not flagged`,
    ]);
  }
  // Every post to a real callback URL is recorded whole; posts to made-up ones only up to the per-IP cap.
  const real = forgeries.filter((f, i) => f.kind !== "unknown token" && statuses[i]!.status === 200);
  const recorded = await prisma.callbackEvent.count({
    where: { receivedAt: { gte: since }, NOT: { reason: "unknown token" } },
  });
  tally.invariant(
    recorded === real.length,
    `${recorded} recorded vs ${real.length} real-token posts answered 200`,
  );
  const unknownNoted = await prisma.callbackEvent.count({
    where: { receivedAt: { gte: since }, reason: "unknown token" },
  });
  tally.invariant(unknownNoted <= 60, `${unknownNoted} unknown-token posts noted from one address (cap 60)`);
  tally.note(
    `${count} forgeries against ${targets.length} pending + ${lost.length} lost-push attempts and ${stormAttempts.size} paid ones`,
  );
  await settleTargets(stack, [...targets, ...lost, ...amountTargets]);
  return tally;
}
