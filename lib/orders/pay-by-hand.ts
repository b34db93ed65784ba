import "server-only";
import { env } from "@/lib/env";
import { accountNumberOf } from "@/lib/payments/c2b/account";

/** What the shopper needs to pay from the M-Pesa menu (Lipa na M-Pesa) when the prompt cannot reach them. */
export type PayByHand = {
  kind: "paybill" | "till";
  /** The paybill number, or the till number for Buy Goods. */
  businessNumber: string;
  /** The order reference as typed into M-Pesa; null for a till (Buy Goods asks for none). */
  accountNumber: string | null;
  /** What is still due: the total, less part payments already received. */
  amountKes: number;
  receivedKes: number;
  /** The items are held until then. */
  holdUntil: string;
  /** Open it without being asked: the prompt failed in a way a retry is unlikely to fix at once. */
  suggested: boolean;
  /** "Already paid? Enter your M-Pesa code" works (Transaction Status needs the initiator refunds use). */
  canCheckCode: boolean;
};

// 1037 phone unreachable / no answer, 1001 another session open, 1019 expired, 1025/9999 prompt not sent.
const PROMPT_DID_NOT_REACH = new Set(["1037", "1001", "1019", "1025", "9999"]);
// Push refused by Daraja itself (its 5xx codes or our classification of them): an outage of the push service.
const PUSH_OUTAGE = /^(5\d\d\.|server_error$|rate_limited$|auth$|unknown$|subscriber_locked$)/;

type Latest = { status: string; resultCode: string | null } | undefined;

function promptCouldNotReach(latest: Latest): boolean {
  if (latest?.status === "UNKNOWN") return true;
  if (latest?.status !== "FAILED" || !latest.resultCode) return false;
  return PROMPT_DID_NOT_REACH.has(latest.resultCode) || PUSH_OUTAGE.test(latest.resultCode);
}

export function payByHandFor(
  order: { reference: string; status: string; totalKes: number; reservedUntil: Date },
  latest: Latest,
  receivedKes: number,
): PayByHand | null {
  if (order.status !== "PENDING" && order.status !== "FAILED") return null;
  const till = env.mpesa.transactionType === "CustomerBuyGoodsOnline" ? env.mpesa.tillNumber : undefined;
  return {
    kind: till ? "till" : "paybill",
    businessNumber: till ?? env.mpesa.shortcode,
    accountNumber: till ? null : accountNumberOf(order.reference),
    amountKes: Math.max(order.totalKes - receivedKes, 0),
    receivedKes,
    holdUntil: order.reservedUntil.toISOString(),
    suggested: receivedKes > 0 || promptCouldNotReach(latest),
    canCheckCode: env.mpesa.refundsOffReason === null,
  };
}
