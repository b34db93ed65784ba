// How an order gets to the shopper, step by step: a delivery is dispatched and then delivered, a pickup is
// made ready and then picked up (the same DISPATCHED step, called "ready for pickup"). Orders placed before
// delivery options existed keep the single "fulfilled" step. An order paid on delivery may leave the shop
// unpaid, but is delivered (or picked up) only once paid.

export type Fulfilment = "UNFULFILLED" | "DISPATCHED" | "FULFILLED";
export type Method = "PICKUP" | "DELIVERY" | null;

export type FulfilmentStep = { to: Fulfilment; label: string; primary: boolean };

/** What the last step is called for this kind of order. */
function doneWord(method: Method): string {
  if (method === "DELIVERY") return "delivered";
  if (method === "PICKUP") return "picked up";
  return "fulfilled";
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The badge text, e.g. "Dispatched", "Delivered", "Picked up". */
export function fulfilmentLabel(method: Method, fulfilment: Fulfilment): string {
  if (fulfilment === "FULFILLED") return capital(doneWord(method));
  if (fulfilment === "DISPATCHED") return method === "PICKUP" ? "Ready for pickup" : "Dispatched";
  return "Unfulfilled";
}

/** The buttons the seller sees for an order in this state (`paid`: false for one still to pay at the door). */
export function fulfilmentSteps(method: Method, fulfilment: Fulfilment, paid = true): FulfilmentStep[] {
  const done = paid ? [{ to: "FULFILLED" as const, label: `Mark ${doneWord(method)}`, primary: true }] : [];
  const undo = { to: "UNFULFILLED" as const, label: "Mark unfulfilled", primary: false };
  if (fulfilment === "FULFILLED") return [undo];
  if (fulfilment === "DISPATCHED") return [...done, undo];
  if (method === null) return done;
  const label = method === "DELIVERY" ? "Mark dispatched" : "Mark ready for pickup";
  return [{ to: "DISPATCHED", label, primary: true }, ...done];
}

/** The fulfilment states an order may move to `to` from (the action's update is conditional on them). */
export function allowedFrom(to: Fulfilment): Fulfilment[] {
  if (to === "DISPATCHED") return ["UNFULFILLED"];
  if (to === "FULFILLED") return ["UNFULFILLED", "DISPATCHED"];
  return ["DISPATCHED", "FULFILLED"];
}

/** Confirmation after a step, e.g. "Marked dispatched." */
export function fulfilmentMessage(method: Method, to: Fulfilment): string {
  if (to === "DISPATCHED")
    return method === "PICKUP"
      ? "Marked ready for pickup: the customer gets an SMS."
      : "Marked dispatched: the customer gets an SMS.";
  return to === "FULFILLED" ? `Marked ${doneWord(method)}.` : "Marked unfulfilled.";
}

/** The timeline entries' titles. */
export function fulfilmentEventTitle(method: Method, step: "DISPATCHED" | "FULFILLED"): string {
  if (step === "DISPATCHED") return method === "PICKUP" ? "Ready for pickup" : "Dispatched";
  return `Marked ${doneWord(method)}`;
}
