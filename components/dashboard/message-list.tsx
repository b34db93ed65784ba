import clsx from "clsx";
import { formatEat } from "@/lib/format";
import type { NotificationKind } from "@/lib/generated/prisma/client";
import type { MessageView } from "@/lib/notifications/queries";
import { ResendForm } from "./resend-form";

/** Every kind in the seller's words: a new kind fails the typecheck until it is named here. */
const KIND: Record<NotificationKind, string> = {
  ORDER_CONFIRMATION: "Order confirmation to the customer",
  REFUND_CONFIRMATION: "Refund confirmation to the customer",
  SELLER_NEW_ORDER: "New-order alert",
  SELLER_ATTENTION: "Needs-attention alert",
  TEST: "Test message",
  ORDER_PLACED: "Order placed (pay on delivery) to the customer",
  SELLER_NEW_POD_ORDER: "New pay-on-delivery order alert",
  ORDER_DISPATCHED: "On its way, to the customer",
  ORDER_READY_FOR_PICKUP: "Ready for pickup, to the customer",
  TRACKING_CODE: "Tracking code to the customer",
  PAYMENT_LINK: "Payment link to the customer",
  LOW_STOCK: "Low-stock alert",
  STOCK_SUMMARY: "Morning stock summary",
};

const STATE = {
  QUEUED: "bg-stone-100 text-stone-800",
  SENDING: "bg-sky-50 text-sky-900",
  SENT: "bg-brand-50 text-brand-900",
  DELIVERED: "bg-emerald-50 text-emerald-900",
  FAILED: "bg-red-50 text-red-800",
};

function stateWords(m: MessageView): string {
  if (m.status === "SENT") return `Sent ${m.sentAt ? formatEat(m.sentAt, "d MMM, HH:mm:ss") : ""}`;
  if (m.status === "DELIVERED")
    return `Delivered ${m.deliveredAt ? formatEat(m.deliveredAt, "d MMM, HH:mm:ss") : ""}`;
  // Sent, then the gateway's delivery report said it never reached the phone.
  if (m.status === "FAILED") return m.sentAt ? "Not delivered" : "Failed, gave up";
  if (m.status === "QUEUED" && m.attempts > 0) return `Retrying ${formatEat(m.nextAttemptAt, "HH:mm")}`;
  return m.status === "SENDING" ? "Sending" : "Queued";
}

/** Messages as the owner sees them: channel, masked recipient, state, attempts, the gateway's reason. */
export function MessageList({ messages, canResend }: { messages: MessageView[]; canResend: boolean }) {
  if (messages.length === 0) return <p className="mt-2 text-sm text-stone-600">No messages.</p>;
  return (
    <ul className="mt-2 divide-y divide-stone-100 text-sm" data-testid="messages">
      {messages.map((m) => (
        <li key={m.id} className="space-y-1 py-2" data-testid="message">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{KIND[m.kind]}</span>
            <span className="text-stone-600">
              {m.channel === "SMS" ? "SMS" : "Email"} to {m.to}
            </span>
            <span
              className={clsx("rounded-full px-2 py-0.5 text-xs", STATE[m.status])}
              data-testid="message-state"
            >
              {stateWords(m)}
            </span>
          </p>
          <p className="text-xs text-stone-500">
            Queued {formatEat(m.createdAt, "d MMM yyyy, HH:mm:ss")} · {m.attempts} attempt
            {m.attempts === 1 ? "" : "s"}
            {m.sentAt && m.status === "DELIVERED" ? ` · sent ${formatEat(m.sentAt, "HH:mm:ss")}` : ""}
            {m.lastError && m.status !== "SENT" && m.status !== "DELIVERED" ? ` · ${m.lastError}` : ""}
          </p>
          {canResend && (m.status === "SENT" || m.status === "DELIVERED" || m.status === "FAILED") && (
            <ResendForm id={m.id} />
          )}
        </li>
      ))}
    </ul>
  );
}
