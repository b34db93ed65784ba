import "server-only";
import { prisma, type Tx } from "@/lib/db";
import type { DiscountCode } from "@/lib/generated/prisma/client";
import {
  type CodeRefusal,
  type DiscountRule,
  limitsRefusal,
  normalizeCode,
  unknownCode,
} from "@/lib/pricing/discount";

// Unpaid orders still holding their stock hold their code's use too, until paid (counted) or released.
const holding = (now: Date) => ({
  discountCounted: false,
  stockReserved: true,
  status: { in: ["PENDING" as const, "FAILED" as const] },
  reservedUntil: { gt: now },
});

export const toRule = (row: DiscountCode): DiscountRule => ({
  code: row.code,
  kind: row.kind,
  value: row.value,
  minOrderKes: row.minOrderKes,
  productIds: row.productIds,
  categoryIds: row.categoryIds,
});

/** What the shopper saw: a code edited or paused since then no longer matches. */
export const codeVersion = (row: DiscountCode) => String(row.updatedAt.getTime());

export type CheckedCode =
  { ok: true; row: DiscountCode; rule: DiscountRule } | { ok: false; refusal: CodeRefusal };

/**
 * Looks a typed code up and checks its dates and use limits for this phone (when known). With `lock`, inside
 * the checkout transaction, the code's row stays locked until commit: racing checkouts for its last use
 * queue here, and only the first finds it free.
 */
export async function checkCode(
  raw: string,
  { db = prisma, phone, now, lock = false }: { db?: Tx; phone?: string; now: Date; lock?: boolean },
): Promise<CheckedCode> {
  const code = normalizeCode(raw);
  if (lock) await db.$queryRaw`SELECT "id" FROM "DiscountCode" WHERE "code" = ${code} FOR UPDATE`;
  const row = await db.discountCode.findUnique({ where: { code } });
  if (!row) return { ok: false, refusal: unknownCode(code) };
  const held =
    row.maxUses === null ? 0 : await db.order.count({ where: { discountCodeId: row.id, ...holding(now) } });
  const phoneUses =
    phone && row.maxUsesPerPhone !== null
      ? await db.order.count({
          where: { discountCodeId: row.id, phone, OR: [{ discountCounted: true }, holding(now)] },
        })
      : 0;
  const refusal = limitsRefusal(code, { ...row, usesCount: row.usesCount + held, phoneUses }, now);
  return refusal ? { ok: false, refusal } : { ok: true, row, rule: toRule(row) };
}
