import "server-only";
import { type C2bRejection, parseC2bNotification } from "@/lib/daraja";
import { prisma } from "@/lib/db";
import { referenceFromAccount } from "./account";
import { type IncomingC2b, recordC2bEvent } from "./confirmations";
import { isRegisteredC2bToken } from "./registration";
import { logPaymentEvent } from "../shared/payment-log";
import { orderMoney } from "../core/money";
import { isOpenOrder } from "../core/status-groups";

/**
 * Answers M-Pesa's question "may this payment go ahead?" (external validation): only for an open order's
 * account number and its balance due, so a shopper's money never leaves for a wrong or closed order.
 * undefined: the token is not ours. Two quick reads; M-Pesa waits only a few seconds.
 */
export async function validateC2bPayment(input: IncomingC2b): Promise<C2bRejection | null | undefined> {
  if (!(await isRegisteredC2bToken(input.token))) return undefined;
  const eventId = await recordC2bEvent("VALIDATION", input).catch(() => null);
  const rejection = await decide(input).catch((): C2bRejection => "other");
  if (eventId)
    await prisma.c2bEvent
      .update({
        where: { id: eventId },
        data: { verdict: rejection ? "REJECTED" : "APPLIED", reason: rejection ?? "accepted" },
      })
      .catch(() => undefined);
  logPaymentEvent({ event: "c2b.validation", rejection });
  return rejection;
}

async function decide(input: IncomingC2b): Promise<C2bRejection | null> {
  if (!input.ipAllowed || input.truncated) return "other";
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    return "other";
  }
  const parsed = parseC2bNotification(json);
  if (!parsed.ok) return "other";
  const { billRefNumber, amountKes } = parsed.payment;
  // Buy Goods carries no account number: nothing to check it against; it lands in the unmatched list.
  if (billRefNumber.trim() === "") return null;
  const reference = referenceFromAccount(billRefNumber);
  const order = reference
    ? await prisma.order.findUnique({
        where: { reference },
        select: { id: true, status: true },
      })
    : null;
  if (!order || !isOpenOrder(order.status)) return "invalidAccount";
  return amountKes === (await orderMoney(prisma, order.id)).balanceKes ? null : "invalidAmount";
}
