import { z } from "zod";
import { MAX_LINES, MAX_QUANTITY } from "./limits";

/** The cart as stored in the shopper's cookie: product ids and quantities only, never prices. */
export type CartLine = { productId: string; quantity: number };

export { MAX_LINES, MAX_QUANTITY };

const storedLine = z.object({ p: z.string().regex(/^[a-z0-9]{8,40}$/), q: z.number().int() });

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
    if (!parsed.success || parsed.data.q < 1) continue;
    lines = addLine(lines, parsed.data.p, parsed.data.q);
  }
  return lines.slice(0, MAX_LINES);
}

export function serializeCart(lines: CartLine[]): string {
  return JSON.stringify(lines.map((l) => ({ p: l.productId, q: l.quantity })));
}

const clampQuantity = (q: number) => Math.min(Math.max(Math.trunc(q), 0), MAX_QUANTITY);

export function addLine(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  const existing = lines.find((l) => l.productId === productId);
  return setLine(lines, productId, (existing?.quantity ?? 0) + quantity);
}

/** Sets a line's quantity; 0 removes it. New lines go to the end so the cart keeps its order. */
export function setLine(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  const q = clampQuantity(quantity);
  if (q === 0) return lines.filter((l) => l.productId !== productId);
  if (!lines.some((l) => l.productId === productId)) return [...lines, { productId, quantity: q }];
  return lines.map((l) => (l.productId === productId ? { productId, quantity: q } : l));
}

export function itemCount(lines: CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}
