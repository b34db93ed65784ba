import Link from "next/link";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { sellerPage } from "@/lib/auth/guards";
import { listCodesWithFigures } from "@/lib/discounts/queries";
import { formatEat, formatKes } from "@/lib/format";
import { codeStatus } from "@/lib/pricing/discount";

export const metadata = { title: "Discount codes" };

const gives = (c: { kind: string; value: number }) =>
  c.kind === "PERCENT"
    ? `${c.value}% off`
    : c.kind === "FIXED"
      ? `${formatKes(c.value)} off`
      : "Free delivery";

export default async function DiscountsPage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="manage discount codes" />;
  const now = new Date();
  const codes = (await listCodesWithFigures()).map((c) => ({ ...c, status: codeStatus(c, now) }));
  const totals = codes.reduce(
    (t, c) => ({ revenue: t.revenue + c.revenueKes, given: t.given + c.discountGivenKes }),
    { revenue: 0, given: 0 },
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Discount codes</h1>
        <Link
          href="/dashboard/discounts/new"
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          data-nav-link
        >
          New code
        </Link>
      </div>
      <p className="text-sm text-stone-700">
        Paid orders with a code brought {formatKes(totals.revenue)}; the codes gave {formatKes(totals.given)}{" "}
        off.
      </p>
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="codes-list">
        {codes.map((c) => (
          <li
            key={c.id}
            data-testid="code-card"
            className="space-y-1 rounded-xl border border-stone-200 bg-white p-4 text-sm"
          >
            <p className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-mono text-base font-semibold">{c.code}</span>
              <span className={c.status === "Active" ? "text-brand-700" : "text-stone-500"}>{c.status}</span>
            </p>
            <p>
              {gives(c)}
              {c.minOrderKes ? ` on orders from ${formatKes(c.minOrderKes)}` : ""}
            </p>
            {(c.startsAt || c.endsAt) && (
              <p className="text-stone-600">
                {c.startsAt ? `From ${formatEat(c.startsAt)}` : ""}{" "}
                {c.endsAt ? `until ${formatEat(c.endsAt)}` : ""}
              </p>
            )}
            <dl className="grid grid-cols-3 gap-2 pt-1">
              <div>
                <dt className="text-xs text-stone-500">Uses</dt>
                <dd data-testid="code-uses">
                  {c.usesCount}
                  {c.maxUses ? ` / ${c.maxUses}` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-stone-500">Revenue</dt>
                <dd>{formatKes(c.revenueKes)}</dd>
              </div>
              <div>
                <dt className="text-xs text-stone-500">Given</dt>
                <dd>{formatKes(c.discountGivenKes)}</dd>
              </div>
            </dl>
            <Link
              href={`/dashboard/discounts/${c.id}`}
              className="-ml-3 inline-flex min-h-11 min-w-11 items-center px-3 font-medium text-brand-700 hover:underline"
              aria-label={`Edit ${c.code}`}
              data-nav-link
            >
              Edit
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
