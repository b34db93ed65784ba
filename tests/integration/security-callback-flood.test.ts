/** Posts to made-up callback URLs cannot fill the database; real callbacks are still kept whole. */
import "./support/embedded-db-pool";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as cronGet } from "@/app/api/cron/reconcile/route";
import { POST as callbackPost } from "@/app/api/payments/callback/[token]/route";
import { prisma } from "@/lib/db";
import {
  callbackBody,
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  postCallback,
  readOrder,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

const callbackEventBytes = async () =>
  Number(
    (await prisma.$queryRaw<{ size: bigint }[]>`SELECT pg_total_relation_size('"CallbackEvent"') AS size`)[0]!
      .size,
  );

function post(token: string, body: string) {
  return callbackPost(
    new Request(`http://shop.test/api/payments/callback/${token}`, { method: "POST", body }),
    { params: Promise.resolve({ token }) },
  );
}

describe("callbacks to unknown tokens", () => {
  it("1,000 posts of 64 KB grow storage by under 2 MB, and a real callback is still recorded whole", async () => {
    const product = await createProduct({ stock: 2, priceKes: 710 });
    const phone = freshPhone();
    const { publicId, attempt, token } = await checkoutOk(harness, product.id, phone);
    const before = await callbackEventBytes();
    const junk = JSON.stringify({ Body: { stkCallback: { ResultDesc: "x".repeat(64 * 1024 - 60) } } });
    for (let i = 0; i < 1000; i++) {
      const answer = await post(randomBytes(24).toString("hex"), junk);
      expect(answer.status).toBe(200);
    }
    const grown = (await callbackEventBytes()) - before;
    expect(grown).toBeLessThan(2 * 1024 * 1024);
    const kept = await prisma.callbackEvent.findMany({ where: { reason: "unknown token" } });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(1000);
    expect(Math.max(...kept.map((e) => e.rawBody.length))).toBeLessThanOrEqual(1024);
    expect(kept.every((e) => e.body === null)).toBe(true);

    const genuine = JSON.stringify(
      callbackBody({ checkoutRequestId: attempt.checkoutRequestId! }, { code: 0, amount: 710, phone }),
    );
    expect((await postCallback(harness, token!, genuine)).status).toBe(200);
    const order = await readOrder(publicId);
    expect(order.status).toBe("PAID");
    expect(order.attempts[0]!.callbacks.map((c) => c.rawBody)).toEqual([genuine]);
  }, 120_000); // 1,000 posts one after another: on the embedded database of a busy machine this exceeds 30 s

  it("are pruned by the cron after the retention window; a payment's callbacks stay", async () => {
    const product = await createProduct({ stock: 2, priceKes: 720 });
    const phone = freshPhone();
    const { attempt, token } = await checkoutOk(harness, product.id, phone);
    await post("stale-unknown-token", "{}");
    const wrong = callbackBody({ checkoutRequestId: "ws_CO_000000000000000000" }, { code: 1032 });
    await postCallback(harness, token!, wrong);
    clock.advance(8 * 24 * 60 * 60);
    const answer = await cronGet(new Request("http://shop.test/api/cron/reconcile"));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ prunedRejectedCallbacks: expect.any(Number) });
    expect(await prisma.callbackEvent.count({ where: { attemptId: null } })).toBe(0);
    expect(await prisma.callbackEvent.count({ where: { attemptId: attempt.id } })).toBe(1);
  });
});
