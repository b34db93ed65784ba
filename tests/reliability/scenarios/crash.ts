/**
 * Crash: the app is killed with SIGKILL while the emulator is delivering callbacks, stays down for a third
 * of them, and is started again. Every callback that got a 200 must be in the database at once, and applied
 * once the reconcile route has replayed what the kill left unapplied; the ones that hit a dead server are
 * recovered by the reconcile route's STK queries.
 */
import { randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Stack } from "../support/stack";
import { hashToken } from "@/lib/payments/shared/identifiers";
import { attemptsByToken, checkout, createProduct, freshPhone, mapLimit, tokenOfUrl } from "../support/shop";
import { Tally } from "../support/tally";
import type { Pending } from "./faults";

export async function startCrash(stack: Stack, count: number): Promise<Pending> {
  const tally = new Tally("crash");
  const { control } = stack.emulator;
  const product = await createProduct({ stock: 1_000_000, priceKes: 640 });
  const phones = Array.from({ length: count }, freshPhone);
  const results = await mapLimit(phones, 8, (phone) => checkout(product.id, phone));
  const latest = new Date();
  tally.invariant(
    results.every((r) => r.ok),
    `${results.filter((r) => !r.ok).length} checkouts refused`,
  );
  const phoneSet = new Set(phones);
  const prompts = control.ledger().entries.filter((e) => phoneSet.has(e.phone));

  const third = Math.floor(prompts.length / 3);
  let restarted: Promise<void> | null = null;
  const deliveries = await mapLimit(prompts, 8, async (prompt, i) => {
    if (i === third) {
      stack.app.kill9();
      tally.note(`kill -9 after ${third} of ${prompts.length} callbacks were started (8 in flight)`);
    }
    if (i >= 2 * third) {
      restarted ??= stack.app.start().then(() => tally.note("app restarted"));
      await restarted;
    }
    const delivery = await (randomInt(10) < 7
      ? control.pay(prompt.checkoutRequestId)
      : control.cancel(prompt.checkoutRequestId));
    return { prompt, delivery };
  });
  const ok = deliveries.filter((d) => d.delivery.status === 200);
  tally.note(
    `${ok.length} callbacks answered 200, ${deliveries.length - ok.length} failed (${[...new Set(deliveries.filter((d) => d.delivery.status !== 200).map((d) => d.delivery.error ?? d.delivery.status))].slice(0, 3).join(" | ")})`,
  );

  // Right away, before any reconcile: a 200 means the callback is in the database (stored before the answer;
  // applied after it, or replayed by the reconcile route when the kill came first: check() below).
  const stored = await storedCallbacks(ok.map((d) => d.prompt));
  for (const { prompt } of ok)
    tally.unit([
      stored(prompt).length === 0 && `${prompt.checkoutRequestId}: answered 200 but not in the database`,
    ]);
  return {
    latest,
    finish: () => check(tally, stack, prompts, new Set(ok.map((d) => d.prompt.checkoutRequestId))),
  };
}

async function check(
  tally: Tally,
  stack: Stack,
  prompts: { checkoutRequestId: string; callbackUrl: string }[],
  answered: Set<string>,
) {
  const ledger = new Map(stack.emulator.control.ledger().entries.map((e) => [e.checkoutRequestId, e]));
  const attempts = await attemptsByToken(prompts.map((p) => tokenOfUrl(p.callbackUrl)));
  const stored = await storedCallbacks(prompts.filter((p) => answered.has(p.checkoutRequestId)));
  for (const prompt of prompts.filter((p) => answered.has(p.checkoutRequestId))) {
    const mine = stored(prompt);
    tally.unit([
      mine.some((e) => e.verdict === "RECEIVED" || e.verdict === "REJECTED") &&
        `${prompt.checkoutRequestId}: recorded but not applied (${mine.map((e) => e.reason).join(", ")})`,
    ]);
  }
  let recovered = 0;
  for (const prompt of prompts) {
    const attempt = attempts.get(tokenOfUrl(prompt.callbackUrl))!;
    const final = ledger.get(prompt.checkoutRequestId)!;
    const expected = final.state === "paid" ? "PAID" : "FAILED";
    if (!answered.has(prompt.checkoutRequestId) && attempt.order.status === expected) recovered++;
    tally.unit([
      attempt.order.status !== expected &&
        `${attempt.order.reference}: order ${attempt.order.status}, ledger ${final.state} (callback ${answered.has(prompt.checkoutRequestId) ? "answered 200" : "missed"}, attempt ${attempt.status}, ${attempt.queryCount} queries)`,
    ]);
  }
  tally.note(
    `${prompts.length - answered.size} missed callbacks, ${recovered} recovered by the reconcile route`,
  );
  return tally;
}

type Prompt = { checkoutRequestId: string; callbackUrl: string };

/** The callbacks stored for these prompts (by their URL's token), each prompt's own. */
async function storedCallbacks(prompts: Prompt[]) {
  const events = await prisma.callbackEvent.findMany({
    where: { token: { in: prompts.map((p) => hashToken(tokenOfUrl(p.callbackUrl))) } },
  });
  return (prompt: Prompt) =>
    events.filter(
      (e) =>
        e.token === hashToken(tokenOfUrl(prompt.callbackUrl)) && e.rawBody.includes(prompt.checkoutRequestId),
    );
}
