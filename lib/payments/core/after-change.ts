import "server-only";
import type { Tx } from "@/lib/db";
import type { Refund } from "@/lib/generated/prisma/client";
import type { AttemptStatus, OrderStatus, RefundStatus } from "@/lib/generated/prisma/enums";
import { countCodeUse } from "@/lib/discounts/redeem";
import { enqueueOrderNotifications, enqueueRefundNotifications } from "@/lib/notifications/enqueue";
import { alertLowStock } from "@/lib/notifications/low-stock";

/** A change the state machine just made, inside the transaction that made it. */
export type OrderChange =
  | { kind: "order"; orderId: string; from: OrderStatus; to: OrderStatus }
  | { kind: "attempt"; orderId: string; attemptId: string; from: AttemptStatus; to: AttemptStatus }
  | { kind: "flagged"; orderId: string; reason: string };

/**
 * The one place for work that must commit or roll back together with a payment change (today: the outbox
 * rows of its notifications): the core calls it after every change, in its transaction. The live-status
 * NOTIFY is not here: it rides on the order's lock statement (lockOrderForUpdate's `announce`). Keep what
 * is added here short: it runs under the order's row lock.
 */
export async function afterOrderChange(tx: Tx, change: OrderChange): Promise<void> {
  if (change.kind === "order" && change.to === "PAID") {
    await enqueueOrderNotifications(tx, { orderId: change.orderId, event: "paid" });
    // Variant rows before the code's row: checkouts lock them in that order too.
    await alertLowStock(tx, change.orderId);
    await countCodeUse(tx, change.orderId);
  }
  if (change.kind === "flagged")
    await enqueueOrderNotifications(tx, {
      orderId: change.orderId,
      event: "attention",
      reason: change.reason,
    });
}

/** A refund just moved (or was requested: from null), inside the transaction that moved it. */
export async function afterRefundChange(
  tx: Tx,
  change: { refund: Refund; from: RefundStatus | null; to: RefundStatus },
): Promise<void> {
  if (change.to === "SUCCEEDED" && change.refund.orderId)
    await enqueueRefundNotifications(tx, change.refund.orderId, change.refund);
}
