// The forms real STK callbacks take (item order, `1800.00`, Balance), drawn from a seed.
import type { CallbackItem, StkCallbackBody } from "./callback-shape";

/**
 * Real success callbacks differ in form: item order, Amount written `1800` or `1800.00`, Balance present
 * (without a Value) or absent. With a seed the emulator varies them the same way on every run.
 */
export interface CallbackForm {
  /** A permutation of the metadata items' indexes. */
  order: number[];
  decimalAmount: boolean;
  withBalance: boolean;
}

/** mulberry32: small, seedable, and the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function drawCallbackForm(random: () => number, items: number): CallbackForm {
  const order = Array.from({ length: items }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { order, decimalAmount: random() < 0.5, withBalance: random() < 0.5 };
}

export function applyCallbackForm(items: CallbackItem[], form: CallbackForm): CallbackItem[] {
  const reordered = form.order.map((i) => items[i]!).filter(Boolean);
  return form.withBalance ? reordered : reordered.filter((item) => item.Name !== "Balance");
}

/** The body as sent: JSON, with a whole Amount written as `1800.00` when the form says so. */
export function callbackText(body: StkCallbackBody, form: CallbackForm | null): string {
  const text = JSON.stringify(body);
  if (!form?.decimalAmount) return text;
  return text.replace(/("Name":"Amount","Value":)(\d+)(?=[},])/, "$1$2.00");
}
