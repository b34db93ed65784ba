import { formatKes } from "@/lib/format";
import type { PayOnDelivery } from "./pricing";

/**
 * Why this option cannot be paid on delivery for this total, in the shopper's words; null when it can.
 * The checkout page (to offer the choice) and the checkout transaction (to accept it) both ask here.
 */
export function payOnDeliveryRefusal(option: PayOnDelivery, totalKes: number): string | null {
  if (!option) return "Pay on delivery is not offered for this delivery option: please pay now with M-Pesa.";
  if (option.maxKes !== null && totalKes > option.maxKes)
    return `Pay on delivery is for orders up to ${formatKes(option.maxKes)}: please pay now with M-Pesa.`;
  return null;
}
