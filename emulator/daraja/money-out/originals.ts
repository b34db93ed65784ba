import type { EmulatorState } from "../../state";

/** A payment into a shortcode that M-PESA knows: an STK prompt paid, or a C2B payment that completed. */
export interface OriginalPayment {
  receipt: string;
  amount: number;
  phone: string;
  shortcode: string;
  at: Date;
}

export function findOriginalPayment(state: EmulatorState, receipt: string): OriginalPayment | null {
  const prompt = state.prompts.all().find((p) => p.state === "paid" && p.receipt === receipt);
  if (prompt)
    return {
      receipt,
      amount: prompt.amount,
      phone: prompt.phone,
      shortcode: prompt.shortcode,
      at: prompt.completedAt ?? prompt.createdAt,
    };
  const c2b = state.c2b.list().find((t) => t.transId === receipt && t.outcome !== "refused");
  if (c2b)
    return {
      receipt,
      amount: c2b.amount,
      phone: c2b.phone,
      shortcode: c2b.shortcode,
      at: new Date(c2b.createdAt),
    };
  return null;
}
