/** Flags are events in the order's history: raised with their time, resolved by the seller, never erased. */
import "./support/embedded-db-pool";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { orderEvents } from "@/lib/payments/core/events";
import { flagOrder, openFlags, resolveFlag } from "@/lib/payments/core/flags";
import { orderMoney } from "@/lib/payments/core/money";
import {
  checkoutOk,
  createProduct,
  freshPhone,
  readOrder,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();
const SELLER = "owner@duka.test";

async function flagsOf(orderId: string) {
  return (await orderEvents(prisma, orderId)).filter(
    (e) => e.kind === "FLAGGED" || e.kind === "FLAG_RESOLVED",
  );
}

describe("order flags", () => {
  it("a wrong amount is a flag event with its kind, amount, source and time, after the attempt's failure", async () => {
    const product = await createProduct({ stock: 2, priceKes: 640 });
    const phone = freshPhone();
    const { publicId, attempt } = await checkoutOk(harness, product.id, phone);
    const before = new Date();
    harness.emulator.control.fault({ target: "callback", kind: "wrongAmount", amount: 3 });
    expect((await harness.emulator.control.pay(phone)).status).toBe(200);
    const after = new Date();

    const order = await readOrder(publicId);
    expect(order).toMatchObject({ status: "FAILED", needsAttention: true });
    const [flag, ...others] = await flagsOf(order.id);
    expect(others).toEqual([]);
    expect(flag).toMatchObject({
      kind: "FLAGGED",
      flagKind: "AMOUNT_MISMATCH",
      amountKes: 3,
      source: "STK",
      actor: "system",
    });
    expect(flag!.note).toMatch(/KES 3 .*KES 640 was asked/);
    expect(flag!.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
    expect(flag!.at.getTime()).toBeLessThanOrEqual(after.getTime() + 5);
    // The history says what happened around it, in order; no money was counted.
    const kinds = (await orderEvents(prisma, order.id)).map((e) =>
      e.kind === "FLAGGED" ? e.kind : `${e.kind} ${e.fromStatus}->${e.toStatus}`,
    );
    expect(kinds).toEqual([
      "ATTEMPT_STATUS null->PENDING",
      "FLAGGED",
      "ATTEMPT_STATUS PENDING->FAILED",
      "ORDER_STATUS PENDING->FAILED",
    ]);
    expect((await orderEvents(prisma, order.id)).find((e) => e.attemptId === attempt.id)).toBeDefined();
    expect(await orderMoney(prisma, order.id)).toMatchObject({
      dueKes: 640,
      receivedKes: 0,
      balanceKes: 640,
    });
  });

  it("resolving a flag clears the badge, keeps the flag in the history with who resolved it, once", async () => {
    const product = await createProduct({ stock: 2, priceKes: 650 });
    const { publicId, attempt } = await checkoutOk(harness, product.id, freshPhone());
    await flagOrder(attempt.orderId, { kind: "OTHER", note: "Customer says they paid twice." });
    const [flag] = await openFlags(prisma, attempt.orderId);
    expect((await readOrder(publicId)).needsAttention).toBe(true);
    expect(await prisma.order.count({ where: { id: attempt.orderId, needsAttention: true } })).toBe(1);

    expect(
      await resolveFlag(flag!.id, { by: SELLER, note: "  Checked the statement: one payment.  " }),
    ).toEqual({
      ok: true,
    });
    expect((await readOrder(publicId)).needsAttention).toBe(false);
    expect(await openFlags(prisma, attempt.orderId)).toEqual([]);
    const [raised, resolved] = await flagsOf(attempt.orderId);
    expect(raised).toEqual(flag);
    expect(resolved).toMatchObject({
      kind: "FLAG_RESOLVED",
      resolvesId: flag!.id,
      actor: SELLER,
      note: "Checked the statement: one payment.",
    });
    expect(resolved!.at.getTime()).toBeGreaterThanOrEqual(raised!.at.getTime());

    // A second press (another tab) changes nothing, and says why.
    expect(await resolveFlag(flag!.id, { by: SELLER })).toEqual({
      ok: false,
      reason: "This flag was already resolved.",
    });
    expect(await flagsOf(attempt.orderId)).toHaveLength(2);
    // The same problem reported again (a replayed callback) does not reopen it.
    await flagOrder(attempt.orderId, { kind: "OTHER", note: "Customer says they paid twice." });
    expect((await readOrder(publicId)).needsAttention).toBe(false);
  });

  it("with two flags, resolving one leaves the order flagged until the other is resolved", async () => {
    const product = await createProduct({ stock: 2, priceKes: 660 });
    const { publicId, attempt } = await checkoutOk(harness, product.id, freshPhone());
    await flagOrder(attempt.orderId, { kind: "OTHER", note: "First: delivery address unclear." });
    await flagOrder(attempt.orderId, { kind: "REFUND", note: "Second: customer asks for a refund." });
    const [first, second] = await openFlags(prisma, attempt.orderId);
    expect([first?.note, second?.note]).toEqual([
      "First: delivery address unclear.",
      "Second: customer asks for a refund.",
    ]);

    expect((await resolveFlag(first!.id, { by: SELLER })).ok).toBe(true);
    expect((await readOrder(publicId)).needsAttention).toBe(true);
    expect((await openFlags(prisma, attempt.orderId)).map((f) => f.id)).toEqual([second!.id]);

    expect((await resolveFlag(second!.id, { by: SELLER, note: "Refunded by hand." })).ok).toBe(true);
    expect((await readOrder(publicId)).needsAttention).toBe(false);
    expect(await flagsOf(attempt.orderId)).toHaveLength(4);
  });

  it("refuses to resolve what is not a flag", async () => {
    const product = await createProduct({ stock: 1, priceKes: 670 });
    const { attempt } = await checkoutOk(harness, product.id, freshPhone());
    const [event] = await orderEvents(prisma, attempt.orderId);
    expect(await resolveFlag("no-such-event", { by: SELLER })).toMatchObject({ ok: false });
    if (event) expect(await resolveFlag(event.id, { by: SELLER })).toMatchObject({ ok: false });
  });
});
