import Link from "next/link";
import { OrderFilters } from "@/components/dashboard/order-filters";
import { OrdersList } from "@/components/dashboard/orders-list";
import { sellerPage } from "@/lib/auth/guards";
import { filterQuery, parseOrderFilter } from "@/lib/dashboard/filters";
import { listOrders } from "@/lib/dashboard/orders";
import { listZoneNames } from "@/lib/delivery/settings-queries";

export const metadata = { title: "Orders" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OrdersPage({ searchParams }: Props) {
  await sellerPage();
  const filter = parseOrderFilter(await searchParams);
  const [{ rows, total, page, pages }, zones] = await Promise.all([listOrders(filter), listZoneNames()]);
  const pageLink = (p: number) => `/dashboard/orders${filterQuery(filter, { page: p })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Orders</h1>
        <a
          href={`/api/dashboard/orders/export${filterQuery(filter)}`}
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-100"
          data-nav-link
          download
        >
          Export CSV
        </a>
      </div>
      <OrderFilters filter={filter} zones={zones} />
      <p className="text-sm text-stone-600" role="status" data-testid="orders-count">
        {total} order{total === 1 ? "" : "s"}
      </p>
      <OrdersList rows={rows} />
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link
              href={pageLink(page - 1)}
              className="inline-flex min-h-11 items-center rounded-lg px-3 hover:bg-stone-100"
            >
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link
              href={pageLink(page + 1)}
              className="inline-flex min-h-11 items-center rounded-lg px-3 hover:bg-stone-100"
            >
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
