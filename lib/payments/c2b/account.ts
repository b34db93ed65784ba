/**
 * The account number a shopper types for Pay Bill is the order reference without its dash (DK-7Q4M2X ->
 * DK7Q4M2X): M-Pesa menus make a dash awkward to type, and it fits Daraja's 12-character limit.
 */
export function accountNumberOf(reference: string): string {
  return reference.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
}

/**
 * The order reference a typed account number most likely means, or null. Tolerant of what shoppers type:
 * any case, spaces, dashes or dots ("dk 7q4m2x", "DK-7Q4M2X"), and the code without its DK prefix.
 */
export function referenceFromAccount(typed: string): string | null {
  const compact = typed.replace(/[\s\-_.#/]/g, "").toUpperCase();
  const code = /^(?:DK)?([2-9A-HJ-NP-Z]{6})$/.exec(compact)?.[1];
  return code ? `DK-${code}` : null;
}
