"use client";

import { useState } from "react";
import type { PayByHand } from "@/lib/orders/pay-by-hand";
import { formatKes } from "@/lib/format";
import { formatCountdown, secondsUntil, useNow } from "./use-now";

/** "Pay another way": Lipa na M-Pesa from the phone's own menu, for when the prompt cannot reach it. */
export function PayByHandPanel({ pay }: { pay: PayByHand }) {
  const now = useNow(true);
  const left = secondsUntil(pay.holdUntil, now);
  return (
    <details
      open={pay.suggested}
      className="rounded-xl border border-stone-300 bg-white p-4 [&_summary]:cursor-pointer"
      data-testid="pay-by-hand"
    >
      <summary className="min-h-11 py-2 text-lg font-semibold text-brand-700">Pay another way</summary>
      <div className="mt-2 space-y-3">
        {pay.receivedKes > 0 && (
          <p className="rounded-lg bg-amber-50 p-2 text-sm" data-testid="part-paid">
            We received{" "}
            <strong>
              <span className="whitespace-nowrap">{formatKes(pay.receivedKes)}</span>
            </strong>
            . Pay the balance of{" "}
            <strong>
              <span className="whitespace-nowrap">{formatKes(pay.amountKes)}</span>
            </strong>{" "}
            the same way.
          </p>
        )}
        <p>No prompt? Pay from your phone&apos;s M-PESA menu. We confirm it here automatically.</p>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2">
          <dt className="text-stone-600">{pay.kind === "till" ? "Till number" : "Business number"}</dt>
          <dd className="font-mono text-lg font-semibold" data-testid="business-number">
            {pay.businessNumber}
          </dd>
          {pay.accountNumber && (
            <>
              <dt className="text-stone-600">Account number</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-lg font-semibold" data-testid="account-number">
                  {pay.accountNumber}
                </span>
                <CopyButton text={pay.accountNumber} />
              </dd>
            </>
          )}
          <dt className="text-stone-600">Amount</dt>
          <dd className="text-lg font-semibold" data-testid="pay-amount">
            <span className="whitespace-nowrap">{formatKes(pay.amountKes)}</span>
          </dd>
        </dl>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>Open M-PESA on your phone and choose Lipa na M-PESA.</li>
          {pay.kind === "till" ? (
            <>
              <li>Choose Buy Goods and Services, then enter till number {pay.businessNumber}.</li>
              <li>
                Enter the amount, <span className="whitespace-nowrap">{formatKes(pay.amountKes)}</span>, then
                your M-PESA PIN.
              </li>
              <li>Keep the M-PESA message: the shop matches till payments to orders.</li>
            </>
          ) : (
            <>
              <li>Choose Pay Bill and enter business number {pay.businessNumber}.</li>
              <li>
                For the account number, type <strong className="font-mono">{pay.accountNumber}</strong>.
              </li>
              <li>
                Enter the amount, <span className="whitespace-nowrap">{formatKes(pay.amountKes)}</span>, then
                your M-PESA PIN.
              </li>
            </>
          )}
        </ol>
        <p className="text-sm text-stone-700" aria-live="off">
          {left > 0
            ? `We hold your items for ${formatCountdown(left)}.`
            : "The hold on your items is ending: pay now to keep them."}
        </p>
      </div>
    </details>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button
      type="button"
      onClick={() => void copy()}
      className="min-h-11 rounded-lg border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-100"
    >
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}
