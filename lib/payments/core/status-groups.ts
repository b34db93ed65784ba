import type { AttemptStatus, OrderStatus } from "@/lib/generated/prisma/enums";

/** Attempts whose outcome M-Pesa has not told us yet: a payment may still arrive on them. */
export const ACTIVE_ATTEMPT = ["PENDING", "UNKNOWN"] as const satisfies readonly AttemptStatus[];

/** Unpaid orders the shopper can still pay (or retry) while their reservation lasts. */
export const OPEN_ORDER = ["PENDING", "FAILED"] as const satisfies readonly OrderStatus[];

export const isActiveAttempt = (status: AttemptStatus | string) =>
  (ACTIVE_ATTEMPT as readonly string[]).includes(status);

export const isOpenOrder = (status: OrderStatus | string) =>
  (OPEN_ORDER as readonly string[]).includes(status);

/** Orders whose reservation still holds stock at `now`: unpaid, reserved, not yet expired (a Prisma filter). */
export const holdingStock = (now: Date) => ({
  stockReserved: true,
  status: { in: [...OPEN_ORDER] },
  reservedUntil: { gt: now },
});
