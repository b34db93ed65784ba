import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import { enqueueTrackingCode } from "@/lib/notifications/enqueue";
import { payments } from "@/lib/payments/shared/context";
import { consumeLimit } from "@/lib/payments/shared/rate-limits";

const CODE_MINUTES = 10;
/** Wrong guesses a code survives: six digits and five guesses make a lucky guess one in 200,000. */
const CODE_GUESSES = 5;
/** Per limit window (LIMIT_WINDOW_MINUTES): codes asked per network, per number, per reference. */
const CODES_PER_IP = 10;
const CODES_PER_TARGET = 3;
const CHECKS_PER_IP = 20;

export type TrackingAnswer = { ok: true } | { ok: false; message: string };

const hash = (code: string) => createHash("sha256").update(code).digest("hex");
const tooMany = () => ({
  ok: false as const,
  message: `Too many tries. Please wait ${payments().limitWindowMinutes} minutes and try again.`,
});
const WRONG_CODE = "That code is not right or has expired. Ask for a new one.";

/** "DK-7Q4M2X", "dk7q4m2x", "DK 7Q4M2X" all name one order. */
export function normalizeReference(typed: string): string {
  const code = typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .replace(/^DK/, "");
  return `DK-${code}`;
}

/**
 * Sends a one-time code to the order's phone when the reference and the number match an order. The answer
 * is the same either way, and the limits are counted before the order is looked up, so neither reveals
 * whether an order exists.
 */
export async function requestTrackingCode(q: {
  reference: string;
  phone: string;
  clientIp: string | null;
}): Promise<TrackingAnswer> {
  const reference = normalizeReference(q.reference);
  const allowed =
    (!q.clientIp || (await consumeLimit(prisma, `track:ip:${q.clientIp}`, CODES_PER_IP))) &&
    (await consumeLimit(prisma, `track:phone:${q.phone}`, CODES_PER_TARGET)) &&
    (await consumeLimit(prisma, `track:ref:${reference}`, CODES_PER_TARGET));
  if (!allowed) return tooMany();
  const order = await prisma.order.findFirst({
    where: { reference, phone: q.phone },
    select: { id: true, reference: true, phone: true },
  });
  if (!order) return { ok: true };
  const code = String(randomInt(1_000_000)).padStart(6, "0");
  const now = payments().now();
  await prisma.$transaction(async (tx) => {
    const row = await tx.trackingCode.create({
      data: {
        orderId: order.id,
        codeHash: hash(code),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      },
    });
    await enqueueTrackingCode(tx, { ...order, code, codeId: row.id, minutes: CODE_MINUTES });
  });
  return { ok: true };
}

/** The order's link when the code is right (and then spent); a wrong code counts against it. */
export async function checkTrackingCode(q: {
  reference: string;
  phone: string;
  code: string;
  clientIp: string | null;
}): Promise<{ ok: true; publicId: string } | { ok: false; message: string }> {
  if (q.clientIp && !(await consumeLimit(prisma, `track:check:${q.clientIp}`, CHECKS_PER_IP)))
    return tooMany();
  const now = payments().now();
  const code = await prisma.trackingCode.findFirst({
    where: {
      order: { reference: normalizeReference(q.reference), phone: q.phone },
      usedAt: null,
      expiresAt: { gt: now },
      failures: { lt: CODE_GUESSES },
    },
    orderBy: { createdAt: "desc" },
    include: { order: { select: { publicId: true } } },
  });
  if (!code) return { ok: false, message: WRONG_CODE };
  const right = timingSafeEqual(Buffer.from(hash(q.code)), Buffer.from(code.codeHash));
  // Conditional on the row as read: two guesses at once cannot both spend it, or both be free.
  const { count } = await prisma.trackingCode.updateMany({
    where: { id: code.id, usedAt: null, failures: code.failures },
    data: right ? { usedAt: now } : { failures: { increment: 1 } },
  });
  if (!right || count === 0) return { ok: false, message: WRONG_CODE };
  return { ok: true, publicId: code.order.publicId };
}
