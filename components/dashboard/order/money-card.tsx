import type { OrderMoney } from "@/lib/payments/core/money";
import { formatKes } from "@/lib/format";
import { card } from "./card";

const SOURCE_LABEL = {
  STK: "M-Pesa prompt",
  C2B: "Pay Bill / Buy Goods",
  MPESA_CODE: "M-Pesa code",
  DOOR_PROMPT: "Prompt at the door",
  CASH: "Cash",
} as const;

/** What the order costs, what came in (by source), what went back, and what is left either way. */
export function MoneyCard({ money }: { money: OrderMoney }) {
  const sources = Object.entries(money.receivedBySource) as [keyof typeof SOURCE_LABEL, number][];
  const balance =
    money.balanceKes > 0
      ? `${formatKes(money.balanceKes)} still to pay`
      : money.balanceKes < 0
        ? `${formatKes(-money.balanceKes)} to refund`
        : "Settled";
  return (
    <section className={card} aria-labelledby="money-h">
      <h2 id="money-h" className="font-semibold">
        Money
      </h2>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="order-money">
        <dt>Due</dt>
        <dd className="text-right tabular-nums">{formatKes(money.dueKes)}</dd>
        {sources.length === 0 && (
          <>
            <dt>Received</dt>
            <dd className="text-right tabular-nums">{formatKes(0)}</dd>
          </>
        )}
        {sources.map(([source, amount]) => (
          <div key={source} className="contents">
            <dt>Received by {SOURCE_LABEL[source]}</dt>
            <dd className="text-right tabular-nums">{formatKes(amount)}</dd>
          </div>
        ))}
        <dt>Refunded</dt>
        <dd className="text-right tabular-nums">{formatKes(money.refundedKes)}</dd>
        <dt className="font-semibold">Balance</dt>
        <dd className="text-right font-semibold">{balance}</dd>
      </dl>
    </section>
  );
}
