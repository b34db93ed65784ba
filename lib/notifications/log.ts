import type { Notification } from "@/lib/generated/prisma/client";
import { maskRecipient } from "./mask";

/** One JSON line per send; recipients masked (phone numbers and emails stay out of logs). */
export function logNotificationEvent(row: Notification, outcome: string, reason?: string) {
  console.log(
    JSON.stringify({
      scope: "notifications",
      event: "send",
      id: row.id,
      kind: row.kind,
      channel: row.channel,
      to: maskRecipient(row.recipient),
      attempt: row.attempts,
      outcome,
      reason,
    }),
  );
}
