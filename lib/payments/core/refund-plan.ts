import { formatKes } from "@/lib/format";
import type { MoneyIn } from "./refund-money";

export type RefundPlan =
  | { ok: true; method: "REVERSAL"; receipt: string; phone: string | null }
  | { ok: true; method: "B2C"; phone: string }
  | { ok: false; error: string };

type PlanInput = {
  amountKes: number;
  moneyIn: MoneyIn[];
  refundableKes: number;
  /** Money already committed to going back (any refund that is not failed). */
  committedKes: number;
  orderPhone: string;
};

/**
 * How money goes back (issue 25): all of a single M-Pesa payment, with nothing refunded yet, is reversed;
 * anything else (a part, an order paid in several payments, an over-payment's excess) is a B2C payment of
 * exactly that amount to the phone that paid last. Never more than is left to refund.
 */
export function planRefund({
  amountKes,
  moneyIn,
  refundableKes,
  committedKes,
  orderPhone,
}: PlanInput): RefundPlan {
  if (!Number.isInteger(amountKes) || amountKes < 1)
    return { ok: false, error: "Enter a whole number of shillings, at least 1." };
  if (refundableKes <= 0)
    return { ok: false, error: "Everything received on this order has already been refunded." };
  if (amountKes > refundableKes)
    return {
      ok: false,
      error: `At most ${formatKes(refundableKes)} can still be refunded.`,
    };
  const [only] = moneyIn;
  if (moneyIn.length === 1 && only && only.receipt && committedKes === 0 && only.amountKes === amountKes)
    return { ok: true, method: "REVERSAL", receipt: only.receipt, phone: only.phone };
  const payer = [...moneyIn].reverse().find((m) => m.phone)?.phone ?? orderPhone;
  return { ok: true, method: "B2C", phone: payer };
}
