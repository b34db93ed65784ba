import { BlockNumberForm, UnblockForm } from "@/components/dashboard/blocked-numbers";
import { card } from "@/components/dashboard/order/card";
import { sellerPage } from "@/lib/auth/guards";
import { listBlockedNumbers } from "@/lib/dashboard/blocked-numbers";
import { formatEat, formatPhoneLocal } from "@/lib/format";

export const metadata = { title: "Blocked numbers" };

/** The numbers refused pay on delivery: who blocked each and why, with "Unblock"; and a form to add one. */
export default async function BlockedNumbersPage() {
  await sellerPage();
  const blocked = await listBlockedNumbers();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Blocked numbers</h1>
      <p className="text-sm text-stone-600">
        These numbers cannot choose pay on delivery: they pay with M-Pesa at checkout. Block a number from an
        order&apos;s page, or type it here.
      </p>
      <section className={card} aria-labelledby="blocked-h">
        <h2 id="blocked-h" className="font-semibold">
          {blocked.length === 0
            ? "No blocked numbers"
            : `${blocked.length} blocked ${blocked.length === 1 ? "number" : "numbers"}`}
        </h2>
        {blocked.length > 0 && (
          <ul className="mt-2 divide-y divide-stone-100">
            {blocked.map((b) => {
              const shown = formatPhoneLocal(b.phone);
              return (
                <li
                  key={b.phone}
                  className="flex items-center justify-between gap-3 py-3"
                  data-testid="blocked-row"
                >
                  <div className="min-w-0 text-sm">
                    <p className="font-medium whitespace-nowrap">{shown}</p>
                    {b.reason && <p className="break-words text-stone-700">{b.reason}</p>}
                    <p className="text-xs text-stone-500">
                      Blocked by {b.blockedBy}, {formatEat(b.createdAt)}
                    </p>
                  </div>
                  <UnblockForm phone={b.phone} shown={shown} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className={card} aria-labelledby="block-h">
        <h2 id="block-h" className="mb-2 font-semibold">
          Block a number
        </h2>
        <BlockNumberForm />
      </section>
    </div>
  );
}
