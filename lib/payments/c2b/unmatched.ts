import "server-only";
import { prisma } from "@/lib/db";
import { markC2bRefunded } from "../core/state-machine";
import { referenceFromAccount } from "./account";
import { applyToOrder } from "./apply";
import { OPEN_ORDER } from "../core/status-groups";
import { payments } from "../shared/context";
import { CUT_OFF } from "@/lib/http/read-capped";

/** How far back an order may be to be suggested for a payment. */
const SUGGEST_WITHIN_HOURS = 72;

type Suggestion = { reference: string; totalKes: number; status: string; phoneMatches: boolean };

/** The digits a masked MSISDN still shows, e.g. "2547 ***** 149" -> start "2547", end "149"; none for a hash. */
function visibleDigits(msisdn: string): { start: string; end: string } | null {
  const match = /^(\d{3,})\s*\*+\s*(\d{2,})$/.exec(msisdn.trim());
  if (match) return { start: match[1]!, end: match[2]! };
  return /^254[17]\d{8}$/.test(msisdn) ? { start: msisdn, end: msisdn } : null;
}

/** Payments no order claimed, newest first, each with the orders it most likely pays. */
export async function listUnmatchedPayments() {
  const unmatched = await prisma.c2bPayment.findMany({
    where: { status: "UNMATCHED" },
    orderBy: { receivedAt: "desc" },
    take: 100,
  });
  return Promise.all(unmatched.map(async (p) => ({ ...p, suggestions: await suggestOrders(p) })));
}

/** Same amount, recent and unpaid; orders whose phone fits the visible digits first. */
async function suggestOrders(payment: { amountKes: number; transTime: Date; msisdn: string }) {
  const since = new Date(payment.transTime.getTime() - SUGGEST_WITHIN_HOURS * 3600_000);
  const candidates = await prisma.order.findMany({
    where: {
      totalKes: payment.amountKes,
      status: { in: [...OPEN_ORDER, "EXPIRED"] },
      createdAt: { gte: since, lte: new Date(payment.transTime.getTime() + 3600_000) },
    },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { reference: true, totalKes: true, status: true, phone: true },
  });
  const digits = visibleDigits(payment.msisdn);
  const fits = (phone: string) => !!digits && phone.startsWith(digits.start) && phone.endsWith(digits.end);
  return candidates
    .map(({ phone, ...o }): Suggestion => ({ ...o, phoneMatches: fits(phone) }))
    .sort((a, b) => Number(b.phoneMatches) - Number(a.phoneMatches))
    .slice(0, 3);
}

type ResolveResult = { ok: boolean; message: string };

/** The owner says which order an unmatched payment pays; the state machine applies it like any other. */
export async function attachPayment(
  paymentId: string,
  typedReference: string,
  by: string,
): Promise<ResolveResult> {
  const reference = referenceFromAccount(typedReference);
  const order = reference
    ? await prisma.order.findUnique({ where: { reference }, select: { id: true } })
    : null;
  if (!order) return { ok: false, message: `No order ${typedReference.trim() || "(empty)"}.` };
  const payment = await prisma.c2bPayment.findUnique({ where: { id: paymentId } });
  if (!payment) return { ok: false, message: "No such payment." };
  const verdict = await applyToOrder(payment, order.id, by);
  if (verdict.outcome === "duplicate")
    return { ok: false, message: "That payment was already attached or refunded." };
  return { ok: true, message: `Attached to ${reference}: ${verdict.detail}.` };
}

export async function refundPayment(paymentId: string, by: string): Promise<ResolveResult> {
  return (await markC2bRefunded(paymentId, { by }))
    ? { ok: true, message: "Marked refunded." }
    : { ok: false, message: "That payment was already attached or refunded." };
}

/** The owner's recent decisions on unmatched payments: who attached or refunded what, and when. */
export async function listResolvedPayments() {
  return prisma.c2bPayment.findMany({
    where: { resolvedBy: { not: null } },
    orderBy: { resolvedAt: "desc" },
    take: 20,
    include: { order: { select: { reference: true } } },
  });
}

/** How long the Payments page shows a confirmation that arrived cut off. */
const CUT_OFF_SHOWN_DAYS = 14;

/**
 * Confirmations whose sender hung up before the body arrived (a cold start slower than M-Pesa's wait): a
 * payment went through and the shop cannot tell whose or how much, so the seller is shown when it came.
 */
export async function listCutOffConfirmations() {
  return prisma.c2bEvent.findMany({
    where: {
      kind: "CONFIRMATION",
      reason: CUT_OFF,
      receivedAt: { gte: new Date(payments().now().getTime() - CUT_OFF_SHOWN_DAYS * 86_400_000) },
    },
    orderBy: { receivedAt: "desc" },
    take: 20,
    select: { id: true, receivedAt: true },
  });
}
