import type { OrderView } from "@/lib/orders/order-view";
import { formatEat, formatKes } from "@/lib/format";

/** Money going back to the shopper: each refund, sent (with its M-Pesa reference) or on its way. */
export function RefundList({ refunds }: { refunds: OrderView["refunds"] }) {
  if (refunds.length === 0) return null;
  return (
    <section aria-labelledby="refunds-h" className="space-y-1" data-testid="shopper-refunds">
      <h3 id="refunds-h" className="font-semibold">
        Refunds
      </h3>
      <ul className="space-y-1 text-sm">
        {refunds.map((r, i) => (
          <li key={i}>
            {r.state === "sent" ? (
              <>
                <span className="font-semibold whitespace-nowrap">{formatKes(r.amountKes)}</span> sent back to
                your M-Pesa on {formatEat(new Date(r.at))}
                {r.receipt && (
                  <>
                    , M-Pesa reference <span className="font-mono">{r.receipt}</span>
                  </>
                )}
                .
              </>
            ) : (
              <>
                <span className="font-semibold whitespace-nowrap">{formatKes(r.amountKes)}</span> on its way
                back to your M-Pesa.
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
