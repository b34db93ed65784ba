import type { FailureKind, MoneySource, OrderEvent } from "@/lib/generated/prisma/client";
import { formatKes } from "@/lib/format";
import { sellerReason } from "@/lib/payments/core/failure-kinds";

type Event = Pick<
  OrderEvent,
  | "id"
  | "kind"
  | "at"
  | "actor"
  | "fromStatus"
  | "toStatus"
  | "attemptId"
  | "c2bPaymentId"
  | "amountKes"
  | "source"
  | "reference"
  | "note"
  | "data"
  | "resolvesId"
>;

type Callback = {
  id: string;
  rawBody: string;
  verdict: string;
  reason: string | null;
  receivedAt: Date;
  sourceIp: string | null;
};
type Attempt = { id: string; callbacks: Callback[] };
type C2bPayment = { id: string; transactionType: string; billRefNumber: string; outcome: string | null };

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

const SOURCE_WORDS: Record<MoneySource, string> = {
  STK: "M-Pesa prompt",
  C2B: "Pay Bill / Buy Goods",
  MPESA_CODE: "M-Pesa code",
  DOOR_PROMPT: "prompt at the door",
  CASH: "cash",
};

const ORDER_WORDS: Record<string, [TimelineEvent["tone"], string]> = {
  PAID: ["good", "Order marked paid"],
  FAILED: ["info", "Order unpaid: its prompt failed"],
  EXPIRED: ["info", "Order expired: its stock went back on sale"],
  CANCELLED: ["bad", "Order cancelled: its stock went back on sale"],
  PENDING: ["info", "Order reopened for a new prompt"],
};

const REFUND_WORDS = {
  REFUND_REQUESTED: ["info", "Refund requested"],
  REFUND_SENT: ["info", "Refund sent to M-Pesa"],
  REFUND_SUCCEEDED: ["good", "Refund completed"],
  REFUND_FAILED: ["bad", "Refund failed"],
} as const;

const text = (data: OrderEvent["data"], key: string): string | null => {
  const value = data && typeof data === "object" && !Array.isArray(data) ? data[key] : null;
  return typeof value === "string" ? value : null;
};

/** One event of the order's history in the seller's words; null for what another entry already says. */
function describe(
  e: Event,
  ctx: {
    attemptNo: Map<string, number>;
    c2b: Map<string, C2bPayment>;
    flags: Map<string, Event>;
    resolved: Set<string>;
  },
): TimelineEvent | null {
  const base = { key: `ev-${e.id}`, at: e.at };
  const n = e.attemptId ? ctx.attemptNo.get(e.attemptId) : undefined;
  switch (e.kind) {
    case "ATTEMPT_STATUS":
      if (e.toStatus === "PENDING")
        return { ...base, tone: "info", title: `Payment attempt ${n}: ${e.note ?? "prompt sent"}` };
      if (e.toStatus === "SUCCEEDED")
        return { ...base, tone: "good", title: `Attempt ${n} paid`, detail: `Reported by ${e.actor}` };
      if (e.toStatus === "FAILED")
        return {
          ...base,
          tone: "bad",
          title: `Attempt ${n} failed`,
          detail: resultInWords(
            text(e.data, "resultCode"),
            text(e.data, "resultDesc"),
            text(e.data, "failureKind") as FailureKind | null,
          ),
        };
      return {
        ...base,
        tone: "warn",
        title: `Attempt ${n}: no answer from M-Pesa yet`,
        detail: "It will be checked with M-Pesa automatically.",
      };
    case "PAYMENT_RECEIVED": {
      const c2b = e.c2bPaymentId ? ctx.c2b.get(e.c2bPaymentId) : undefined;
      if (c2b) {
        const how = e.actor.includes("@") ? `attached by ${e.actor}` : `account typed "${c2b.billRefNumber}"`;
        return {
          ...base,
          tone: c2b.outcome === "order paid" ? "good" : "warn",
          title: `${c2b.transactionType || "M-Pesa"} payment ${formatKes(e.amountKes ?? 0)}, TransID ${e.reference}`,
          detail: `${c2b.outcome ?? "received"} · ${how}`,
        };
      }
      return {
        ...base,
        tone: "good",
        title: `${formatKes(e.amountKes ?? 0)} received by ${e.source ? SOURCE_WORDS[e.source] : "M-Pesa"}`,
        detail: `${e.reference ? `Reference ${e.reference}` : "Receipt not received yet"} · ${e.actor}`,
      };
    }
    case "ORDER_STATUS": {
      const [tone, title] = ORDER_WORDS[e.toStatus ?? ""] ?? ["info", `Order ${e.toStatus?.toLowerCase()}`];
      return { ...base, tone, title, detail: e.actor.includes("@") ? `by ${e.actor}` : undefined };
    }
    case "FLAGGED":
      return {
        ...base,
        tone: ctx.resolved.has(e.id) ? "info" : "warn",
        title: ctx.resolved.has(e.id) ? "Needed attention (resolved)" : "Needs attention",
        detail: e.note ?? undefined,
      };
    case "FLAG_RESOLVED": {
      const flag = e.resolvesId ? ctx.flags.get(e.resolvesId) : undefined;
      const what = flag?.note ? `“${flag.note}”` : "A flag";
      return {
        ...base,
        tone: "good",
        title: `Resolved by ${e.actor}`,
        detail: e.note ? `${what} · ${e.note}` : what,
      };
    }
    case "SELLER_ACTION":
      return { ...base, tone: "info", title: e.note ?? "Seller action", detail: `by ${e.actor}` };
    case "MESSAGE_QUEUED":
      return { ...base, tone: "info", title: "Message queued", detail: e.note ?? undefined };
    case "C2B_STATUS":
      return null;
    default: {
      const [tone, title] = REFUND_WORDS[e.kind];
      const amount = e.amountKes !== null ? formatKes(e.amountKes) : null;
      return { ...base, tone, title, detail: [amount, e.note].filter(Boolean).join(" · ") || undefined };
    }
  }
}

/** A callback as it was stored and judged when it came (never parsed again): its verdict and raw body. */
function callbackEntry(cb: Callback): TimelineEvent {
  const verdict = cb.verdict.toLowerCase() + (cb.reason ? `: ${cb.reason}` : "");
  return {
    key: `cb-${cb.id}`,
    at: cb.receivedAt,
    tone: cb.verdict === "REJECTED" ? "warn" : "info",
    title: `M-Pesa callback (${verdict})`,
    detail: cb.sourceIp ? `from ${cb.sourceIp}` : undefined,
    raw: cb.rawBody,
  };
}

/** Everything that happened to an order, oldest first, read from its history (OrderEvent). */
export function buildTimeline(order: {
  createdAt: Date;
  totalKes: number;
  events: Event[];
  attempts: Attempt[];
  c2bPayments?: C2bPayment[];
}): TimelineEvent[] {
  const ctx = {
    attemptNo: new Map(order.attempts.map((a, i) => [a.id, i + 1])),
    c2b: new Map((order.c2bPayments ?? []).map((p) => [p.id, p])),
    flags: new Map(order.events.filter((e) => e.kind === "FLAGGED").map((e) => [e.id, e])),
    resolved: new Set(order.events.flatMap((e) => (e.resolvesId ? [e.resolvesId] : []))),
  };
  const entries: TimelineEvent[] = [
    {
      key: "placed",
      at: order.createdAt,
      tone: "info",
      title: `Order placed for ${formatKes(order.totalKes)}`,
    },
    ...order.events.flatMap((e) => describe(e, ctx) ?? []),
    ...order.attempts.flatMap((a) => a.callbacks.map(callbackEntry)),
  ];
  return entries.sort((x, y) => x.at.getTime() - y.at.getTime());
}
