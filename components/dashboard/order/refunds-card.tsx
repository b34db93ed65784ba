import type { Refund } from "@/lib/generated/prisma/client";
import { formatEat, formatKes } from "@/lib/format";
import { card } from "./card";
import { RefreshWhileWaiting } from "../refresh-while-waiting";

const STATE_WORDS = {
  REQUESTED: "Requested",
  SENT: "Sent, waiting for M-Pesa",
  SUCCEEDED: "Done",
  FAILED: "Failed",
  UNKNOWN: "Unknown: check the M-Pesa statement",
} as const;

/** Every refund of the order: amount, how, state, M-Pesa reference, who asked and when (EAT). */
export function RefundsCard({ refunds }: { refunds: Refund[] }) {
  if (refunds.length === 0) return null;
  return (
    <section className={card} aria-labelledby="refunds-h">
      <h2 id="refunds-h" className="font-semibold">
        Refunds
      </h2>
      {refunds.some((r) => r.status === "REQUESTED" || r.status === "SENT") && <RefreshWhileWaiting />}
      <ul className="mt-2 space-y-2 text-sm" data-testid="refunds">
        {refunds.map((r) => (
          <li key={r.id} className="rounded-lg border border-stone-200 p-2">
            <p className="font-medium">
              {formatKes(r.amountKes)} by{" "}
              {r.method === "REVERSAL" ? `reversal of ${r.originalReceipt}` : "B2C"}: {STATE_WORDS[r.status]}
            </p>
            {r.receipt && <p>M-Pesa reference {r.receipt}</p>}
            {r.status === "FAILED" && r.sellerMessage && <p className="text-red-700">{r.sellerMessage}</p>}
            <p className="text-stone-600">
              {r.reason}. Asked by {r.requestedBy}, {formatEat(r.createdAt)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
