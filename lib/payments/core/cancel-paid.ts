import "server-only";
import { prisma } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import { payments } from "../shared/context";
import { logPaymentEvent } from "../shared/payment-log";
import { recordOrderEvent } from "./events";
import { raiseFlag } from "./flags";
import { lockOrderForUpdate } from "./lock";
import { readRefundMoney } from "./refund-money";
import { requestForOrder } from "./refunds";
import { moveOrder } from "./status-write";
import { returnOrderStock } from "./stock";

export type CancelPaidInput = {
  orderId: string;
  by: string;
  note?: string | null;
  /** Put the items back on sale now (the order will not be fulfilled). */
  restock: boolean;
  /** The refund of everything still refundable, asked in the same step; null when refunds by M-Pesa are off. */
  refund: { reason: string; idempotencyKey: string } | null;
};

export type CancelPaidResult =
  | { ok: true; refund: Refund | null; refundableKes: number; created: boolean }
  | { ok: false; reason: string };

/**
 * The seller calls off a paid order (out of stock, the shopper asked): in one transaction under the order's
 * lock it is CANCELLED, its stock goes back when asked, and everything received and not yet refunded is
 * requested back by M-Pesa (the refund core's own rules: reversal of a whole payment, B2C for the rest).
 * When refunds by M-Pesa are off, the order is flagged for a refund by hand instead. The same key twice
 * (a double click) finds the same cancellation and refund.
 */
export async function cancelPaidOrder(input: CancelPaidInput): Promise<CancelPaidResult> {
  if (input.refund) {
    const same = await prisma.refund.findUnique({ where: { idempotencyKey: input.refund.idempotencyKey } });
    if (same) return { ok: true, refund: same, refundableKes: same.amountKes, created: false };
  }
  const result = await prisma
    .$transaction(
      async (tx): Promise<CancelPaidResult> => {
        const order = await lockOrderForUpdate(tx, input.orderId, { announce: true });
        // A second press with the same key waited for the lock behind the first: it finds that cancellation.
        const same = input.refund
          ? await tx.refund.findUnique({ where: { idempotencyKey: input.refund.idempotencyKey } })
          : null;
        if (same) return { ok: true, refund: same, refundableKes: same.amountKes, created: false };
        if (order.status !== "PAID")
          return { ok: false, reason: `An order ${order.status.toLowerCase()} cannot be cancelled here.` };
        const { refundableKes } = await readRefundMoney(tx, order.id);
        const now = payments().now();
        if (input.restock) await returnOrderStock(tx, order.id);
        await moveOrder(tx, order, "CANCELLED", {}, input.by);
        const note = input.note?.trim();
        await recordOrderEvent(tx, {
          orderId: order.id,
          kind: "SELLER_ACTION",
          actor: input.by,
          at: now,
          note: `Cancelled after payment${note ? `: ${note}` : ""}${input.restock ? "; items back in stock" : ""}`,
        });
        if (refundableKes <= 0) return { ok: true, refund: null, refundableKes, created: false };
        if (!input.refund) {
          await raiseFlag(tx, order.id, {
            kind: "REFUND",
            note: `Cancelled after payment: refund KES ${refundableKes} to the customer outside M-Pesa (refunds by M-Pesa are off), then mark it resolved.`,
            amountKes: refundableKes,
          });
          return { ok: true, refund: null, refundableKes, created: false };
        }
        const asked = await requestForOrder(
          tx,
          {
            orderId: order.id,
            amountKes: refundableKes,
            reason: input.refund.reason,
            // The stock was handled with the cancellation.
            restock: false,
            idempotencyKey: input.refund.idempotencyKey,
            by: input.by,
          },
          order.id,
        );
        // Refused (no M-Pesa payment to send back): roll the cancellation back too, and say why.
        if (!asked.ok) throw new RefusedCancel(asked.error);
        return { ok: true, refund: asked.refund, refundableKes, created: asked.created };
      },
      { maxWait: 10_000 },
    )
    .catch((e: unknown) => {
      if (e instanceof RefusedCancel) return { ok: false as const, reason: e.message };
      throw e;
    });
  logPaymentEvent({
    event: "order.cancel-paid",
    order: input.orderId,
    verdict: result.ok ? "cancelled" : "refused",
    refund: result.ok ? result.refund?.id : undefined,
  });
  return result;
}

class RefusedCancel extends Error {}
