// The one quantity rule of the shop: at most `perLine` of one product and `perOrder` items in one order.
// The add-to-cart action, the cart and checkout all apply it through this module, and the boxes where a
// quantity is chosen show it. Shared with client components: keep this module free of imports.

export type QuantityRule = { perLine: number; perOrder: number };

type Line = { name: string; quantity: number };

/** The most of one product a shopper can choose: the rule's cap, or the stock when that is lower. */
export function maxChoosable(rule: QuantityRule, stock: number): number {
  return Math.max(0, Math.min(rule.perLine, rule.perOrder, stock));
}

/** What the quantity box says beside it, e.g. "At most 10 per order" or "Only 3 in stock". */
export function quantityHint(rule: QuantityRule, stock: number): string {
  return stock < Math.min(rule.perLine, rule.perOrder)
    ? `Only ${stock} in stock`
    : `At most ${maxChoosable(rule, stock)} per order`;
}

/**
 * Fits a wanted quantity of one product to the stock and the rule, given the items already on the other lines.
 * Returns the quantity to store and, when it is less than wanted, why in words.
 */
export function fitQuantity(
  rule: QuantityRule,
  {
    name,
    wanted,
    stock = Infinity,
    otherItems,
  }: { name: string; wanted: number; stock?: number; otherItems: number },
): { quantity: number; message: string | null } {
  const byOrder = Math.max(0, rule.perOrder - otherItems);
  const quantity = Math.max(0, Math.min(wanted, stock, rule.perLine, byOrder));
  if (quantity >= wanted) return { quantity: wanted, message: null };
  const message =
    quantity === stock
      ? `Only ${stock} of ${name} in stock: your cart has ${stock}.`
      : quantity === rule.perLine
        ? `You can buy at most ${rule.perLine} of ${name} in one order: your cart has ${quantity}.`
        : `One order can hold at most ${rule.perOrder} items: your cart has ${quantity} of ${name}.`;
  return { quantity, message };
}

/** Why these lines break the rule (checkout refuses them), or null when they keep it. */
export function quantityProblem(rule: QuantityRule, lines: Line[]): string | null {
  const big = lines.find((l) => l.quantity > rule.perLine);
  if (big) return `You can buy at most ${rule.perLine} of ${big.name} in one order.`;
  const items = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (items > rule.perOrder) return `One order can hold at most ${rule.perOrder} items.`;
  return null;
}
