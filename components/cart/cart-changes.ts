const CART_CHANGED = "duka:cart-changed";

/** Tells the header's count the cart changed: with the new count when known, else it asks the server. */
export function announceCartChange(count?: number) {
  window.dispatchEvent(new CustomEvent(CART_CHANGED, { detail: count }));
}

/** Calls `listener` with each change announced (the new count, or undefined); returns the unsubscribe. */
export function onCartChange(listener: (count: number | undefined) => void): () => void {
  // An event's detail reads null when it was sent without one.
  const handler = (e: Event) => {
    const detail: unknown = (e as CustomEvent<unknown>).detail;
    listener(typeof detail === "number" ? detail : undefined);
  };
  window.addEventListener(CART_CHANGED, handler);
  return () => window.removeEventListener(CART_CHANGED, handler);
}
