/**
 * An STK callback is stored, acknowledged, then applied (lib/payments/stk/apply-after-ack.ts): Daraja's
 * answer never waits for the order's transaction, and nothing acknowledged is lost.
 */
import { onEmbeddedDatabase } from "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/payments/callback/[token]/route";
import { prisma } from "@/lib/db";
import { hashToken } from "@/lib/payments/shared/identifiers";
import { callbacksApplied } from "@/lib/payments/stk/apply-after-ack";
import { recordCallback, replayUnappliedCallbacks } from "@/lib/payments/stk/callbacks";
import { settleOrderIfDue } from "@/lib/orders/order-view";
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

const queryCalls = () =>
  harness.emulator.control.log().filter((c) => c.path === "/mpesa/stkpushquery/v1/query");

async function pendingPayment(priceKes: number) {
  const product = await createProduct({ stock: 2, priceKes });
  const phone = freshPhone();
  const paying = await checkoutOk(harness, product.id, phone);
  const receipt = `TST${priceKes}ACK`;
  const body = JSON.stringify(
    callbackBody(
      { checkoutRequestId: paying.attempt.checkoutRequestId! },
      { code: 0, amount: priceKes, phone, receipt },
    ),
  );
  return { ...paying, phone, receipt, body };
}

/** Stores a callback from Safaricom's address, as the route does before it answers; applying it is left to the caller. */
const fromSafaricom = (token: string, rawBody: string) =>
  recordCallback({
    token,
    rawBody,
    headers: {},
    ipAllowed: true,
    truncated: false,
    cutOff: false,
    sourceIp: "196.201.214.200",
  });

/** The prompt's latest stored callback. */
const storedEvent = (token: string) =>
  prisma.callbackEvent.findFirstOrThrow({
    where: { token: hashToken(token) },
    orderBy: { receivedAt: "desc" },
  });

// PGlite is one session: a transaction held open by the test would keep the route from storing anything.
describe.skipIf(onEmbeddedDatabase)("on a PostgreSQL server", () => {
  it("answers Daraja as soon as the callback is stored, even while the order is locked, and pays it after", async () => {
    const { publicId, order, attempt, token, body, receipt, phone } = await pendingPayment(1370);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another transaction (a seller's action, say) holds the order's row.
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${order.id} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 30_000 },
    );
    await isLocked;

    const answer = await POST(
      new Request(`http://shop.test/api/payments/callback/${token}`, { method: "POST", body }),
      { params: Promise.resolve({ token: token! }) },
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });
    // Stored with its attempt, so the seller sees it on the order even before it is applied.
    expect(await storedEvent(token!)).toMatchObject({
      verdict: "RECEIVED",
      rawBody: body,
      attemptId: attempt.id,
    });
    expect((await readOrder(publicId)).status).toBe("PENDING");

    release();
    await holder;
    await callbacksApplied();
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID", mpesaReceipt: receipt });
    expect(await storedEvent(token!)).toMatchObject({ verdict: "APPLIED" });
    await harness.emulator.control.cancel(phone).catch(() => undefined);
  });
});

describe("a callback acknowledged but not yet applied", () => {
  it("is applied from its stored body when the order page looks, receipt and all, without asking M-Pesa", async () => {
    const { publicId, token, body, receipt, phone } = await pendingPayment(1380);
    // Stored and acknowledged; the instance died before its turn came (the apply is never called).
    const recorded = await fromSafaricom(token!, body);
    expect(recorded.apply).not.toBeNull();
    // Past the STK query's time too: the stored body, with its receipt, must win over asking M-Pesa.
    clock.advance(61);
    await settleOrderIfDue(publicId);
    expect(await readOrder(publicId)).toMatchObject({ status: "PAID", mpesaReceipt: receipt });
    expect(queryCalls()).toHaveLength(0);
    expect(await storedEvent(token!)).toMatchObject({
      verdict: "APPLIED",
      reason: expect.stringMatching(/^replayed/),
    });
    await harness.emulator.control.cancel(phone).catch(() => undefined);
  });

  it("keeps the verdict of the run that applied it when a replay reaches it too", async () => {
    const { publicId, token, body, phone } = await pendingPayment(1390);
    const recorded = await fromSafaricom(token!, body);
    // Still waiting its turn 30 s on, when the reconcile job replays what looks stuck: both apply it.
    clock.advance(31);
    const [replayed] = await Promise.all([
      replayUnappliedCallbacks(10, { tokenHash: hashToken(token!) }),
      recorded.apply!(),
    ]);
    expect(replayed).toBe(1);
    expect((await readOrder(publicId)).status).toBe("PAID");
    const event = await storedEvent(token!);
    expect(event.verdict).toBe("APPLIED");
    expect(event.reason).toMatch(/^(replayed: )?order paid$/);
    await harness.emulator.control.cancel(phone).catch(() => undefined);
  });

  it("is not held back by older stored callbacks that fail every time they are replayed", async () => {
    // Right-amount successes after wrong-amount ones: each is applied only once M-Pesa's status query
    // confirms it, and Daraja does not answer queries now: applying them fails on every replay, for a
    // reason that may pass (a rule broken for good is final at once: callback-poison.test.ts).
    const stuck = [];
    for (const price of [1410, 1420, 1430]) {
      const { token, phone, attempt } = await pendingPayment(price);
      const ids = { checkoutRequestId: attempt.checkoutRequestId! };
      await postCallback(harness, token!, callbackBody(ids, { code: 0, amount: 1, phone }));
      await fromSafaricom(token!, JSON.stringify(callbackBody(ids, { code: 0, amount: price, phone })));
      stuck.push({ token: token!, attemptId: attempt.id });
    }
    harness.emulator.control.fault({ target: "query", kind: "error", probability: 1 });
    await new Promise((later) => setTimeout(later, 5));
    const waiting = await pendingPayment(1440);
    await fromSafaricom(waiting.token!, waiting.body);
    clock.advance(31);

    // Each reconcile run replays three: the first takes the three stuck ones, which fail.
    expect(await replayUnappliedCallbacks(3)).toBe(3);
    expect((await readOrder(waiting.publicId)).status).toBe("PENDING");
    await replayUnappliedCallbacks(3);
    expect(await readOrder(waiting.publicId)).toMatchObject({
      status: "PAID",
      mpesaReceipt: waiting.receipt,
    });
    // Each still on its prompt for the seller to see, though never applied.
    for (const { token, attemptId } of stuck)
      expect(await storedEvent(token)).toMatchObject({
        attemptId,
        verdict: "RECEIVED",
        reason: expect.stringMatching(/^replayed: not applied: status query failed/),
      });
  });
});
