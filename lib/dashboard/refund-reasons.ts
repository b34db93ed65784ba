/** The refund form's short list of reasons (free text may follow). */
export const REFUND_REASONS = [
  "Out of stock",
  "The shopper asked",
  "Returned items",
  "Over-payment",
  "Other",
] as const;
