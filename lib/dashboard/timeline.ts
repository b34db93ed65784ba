import { maskPhone, parseCallback } from "@/lib/daraja";
import { type Method, fulfilmentEventTitle } from "@/lib/delivery/fulfilment";
import { formatKes } from "@/lib/format";
import { type FailureKind, sellerReason } from "@/lib/payments/core/failure-kinds";

type Attempt = {
  id: string;
  phone: string;
  amountKes: number;
  status: "PENDING" | "SUCCEEDED" | "FAILED" | "UNKNOWN";
  resultCode: string | null;
  resultDesc: string | null;
  failureKind?: FailureKind | null;
  receipt: string | null;
  createdAt: Date;
  pushSentAt: Date | null;
  completedAt: Date | null;
  callbacks: {
    id: string;
    body: unknown;
    rawBody: string;
    verdict: string;
    reason: string | null;
    receivedAt: Date;
    sourceIp: string | null;
  }[];
};

export type TimelineEvent = {
  key: string;
  at: Date;
  tone: "info" | "good" | "bad" | "warn";
  title: string;
  detail?: string;
  raw?: string;
};

/** A failure in the seller's words, plus Safaricom's code for anyone calling support. */
export function resultInWords(code: string | null, desc?: string | null, kind?: FailureKind | null): string {
  if (code === null) return desc ?? "No result yet";
  return `${sellerReason(kind, code)} (code ${code}${desc ? `: ${desc}` : ""})`;
}

function callbackEvent(cb: Attempt["callbacks"][number]): TimelineEvent {
  const parsed = parseCallback(cb.body, cb.receivedAt);
  const outcome = !parsed.ok
    ? `Unreadable: ${parsed.error}`
    : parsed.callback.success
      ? `Paid ${formatKes(parsed.callback.amount)}, receipt ${parsed.callback.receipt}`
      : resultInWords(parsed.callback.resultCode, parsed.callback.resultDesc);
  const verdict = cb.verdict.toLowerCase() + (cb.reason ? `: ${cb.reason}` : "");
  return {
    key: `cb-${cb.id}`,
    at: cb.receivedAt,
    tone: cb.verdict === "REJECTED" ? "warn" : parsed.ok && parsed.callback.success ? "good" : "info",
    title: `M-Pesa callback (${verdict})`,
    detail: outcome + (cb.sourceIp ? ` · from ${cb.sourceIp}` : ""),
    raw: cb.rawBody,
  };
}

function attemptEvents(a: Attempt, n: number): TimelineEvent[] {
  const events: TimelineEvent[] = [
    {
      key: `at-${a.id}`,
      at: a.pushSentAt ?? a.createdAt,
      tone: "info",
      title: `Payment attempt ${n}: prompt for ${formatKes(a.amountKes)} sent to ${maskPhone(a.phone)}`,
    },
  ];
  const end = a.completedAt ?? undefined;
  if (a.status === "SUCCEEDED") {
    events.push({
      key: `ok-${a.id}`,
      at: end ?? a.createdAt,
      tone: "good",
      title: `Attempt ${n} paid`,
      detail: a.receipt ? `Receipt ${a.receipt}` : "Receipt not received yet",
    });
  } else if (a.status === "FAILED") {
    events.push({
      key: `ko-${a.id}`,
      at: end ?? a.createdAt,
      tone: "bad",
      title: `Attempt ${n} failed`,
      detail: resultInWords(a.resultCode, a.resultDesc, a.failureKind),
    });
  } else if (a.status === "UNKNOWN") {
    events.push({
      key: `uk-${a.id}`,
      at: a.createdAt,
      tone: "warn",
      title: `Attempt ${n}: no answer from M-Pesa yet`,
      detail: "It will be checked with M-Pesa automatically.",
    });
  }
  return [...events, ...a.callbacks.map(callbackEvent)];
}

type C2bPayment = {
  id: string;
  transId: string;
  transactionType: string;
  amountKes: number;
  billRefNumber: string;
  outcome: string | null;
  receivedAt: Date;
  resolvedBy: string | null;
};

function c2bEvent(p: C2bPayment): TimelineEvent {
  const how = p.resolvedBy ? `attached by ${p.resolvedBy}` : `account typed "${p.billRefNumber}"`;
  return {
    key: `c2b-${p.id}`,
    at: p.receivedAt,
    tone: p.outcome === "order paid" ? "good" : "warn",
    title: `${p.transactionType || "M-Pesa"} payment ${formatKes(p.amountKes)}, TransID ${p.transId}`,
    detail: `${p.outcome ?? "received"} · ${how}`,
  };
}

/** Everything that happened to an order, oldest first. */
export function buildTimeline(order: {
  createdAt: Date;
  totalKes: number;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  dispatchedAt?: Date | null;
  delivery?: { method: Method } | null;
  mpesaReceipt: string | null;
  attempts: Attempt[];
  c2bPayments?: C2bPayment[];
}): TimelineEvent[] {
  const events: TimelineEvent[] = [
    {
      key: "placed",
      at: order.createdAt,
      tone: "info",
      title: `Order placed for ${formatKes(order.totalKes)}`,
    },
  ];
  order.attempts.forEach((a, i) => events.push(...attemptEvents(a, i + 1)));
  events.push(...(order.c2bPayments ?? []).map(c2bEvent));
  if (order.paidAt)
    events.push({
      key: "paid",
      at: order.paidAt,
      tone: "good",
      title: "Order marked paid",
      detail: order.mpesaReceipt ? `M-Pesa receipt ${order.mpesaReceipt}` : undefined,
    });
  const method = order.delivery?.method ?? null;
  if (order.dispatchedAt)
    events.push({
      key: "dispatched",
      at: order.dispatchedAt,
      tone: "info",
      title: fulfilmentEventTitle(method, "DISPATCHED"),
    });
  if (order.fulfilledAt)
    events.push({
      key: "fulfilled",
      at: order.fulfilledAt,
      tone: "good",
      title: fulfilmentEventTitle(method, "FULFILLED"),
    });
  return events.sort((x, y) => x.at.getTime() - y.at.getTime());
}
