import { z } from "zod";
import { MAX_LINES, MAX_QUANTITY } from "./limits";

/** The cart as stored in the shopper's cookie: variant ids and quantities only, never prices. */
export type CartLine = { variantId: string; quantity: number };

export { MAX_LINES, MAX_QUANTITY };

const id = z.string().regex(/^[a-z0-9]{8,40}$/);
// Carts from before variants held product ids ("p"): the migration gave each product the variant "v" + id.
const storedLine = z
  .object({ v: id.optional(), p: id.optional(), q: z.number().int() })
  .transform(({ v, p, q }) => ({ variantId: v ?? (p ? `v${p}` : null), q }));

/** Parses a cookie value, repairing what can be repaired and dropping the rest; never throws. */
export function parseCartCookie(raw: string | undefined): CartLine[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  let lines: CartLine[] = [];
  for (const item of data) {
    const parsed = storedLine.safeParse(item);
    if (!parsed.success || parsed.data.q < 1 || !parsed.data.variantId) continue;
    lines = addLine(lines, parsed.data.variantId, parsed.data.q);
  }
  return lines.slice(0, MAX_LINES);
}

export function serializeCart(lines: CartLine[]): string {
  return JSON.stringify(lines.map((l) => ({ v: l.variantId, q: l.quantity })));
}

const clampQuantity = (q: number) => Math.min(Math.max(Math.trunc(q), 0), MAX_QUANTITY);

export function addLine(lines: CartLine[], variantId: string, quantity: number): CartLine[] {
  const existing = lines.find((l) => l.variantId === variantId);
  return setLine(lines, variantId, (existing?.quantity ?? 0) + quantity);
}

/** Sets a line's quantity; 0 removes it. New lines go to the end so the cart keeps its order. */
export function setLine(lines: CartLine[], variantId: string, quantity: number): CartLine[] {
  const q = clampQuantity(quantity);
  if (q === 0) return lines.filter((l) => l.variantId !== variantId);
  if (!lines.some((l) => l.variantId === variantId)) return [...lines, { variantId, quantity: q }];
  return lines.map((l) => (l.variantId === variantId ? { variantId, quantity: q } : l));
}

export function itemCount(lines: CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}
