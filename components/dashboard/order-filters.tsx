import Link from "next/link";
import { CollapsibleFilters } from "./collapsible-filters";
import { fieldAria } from "@/components/ui/field";
import {
  FULFILMENT_FILTERS,
  type OrderFilter,
  SEARCH_MAX,
  STATUS_FILTERS,
  searchError,
} from "@/lib/dashboard/filters";

const STATUS_LABELS: Record<(typeof STATUS_FILTERS)[number], string> = {
  paid: "Paid",
  pending: "Pending",
  failed: "Failed",
  expired: "Expired",
  cancelled: "Cancelled",
  attention: "Needs attention",
  to_collect: "To collect (pay on delivery)",
  all: "All orders",
};
const field = "mt-1 min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 py-2 text-sm";

/** A plain GET form: the filter lives in the URL, so it can be bookmarked, shared and exported. */
export function OrderFilters({
  filter,
  zones,
}: {
  filter: OrderFilter;
  zones: { id: string; name: string }[];
}) {
  const active = [
    filter.status !== "paid",
    filter.fulfilment !== "all",
    filter.zone !== "all",
    filter.from,
    filter.to,
  ].filter(Boolean).length;
  const qError = searchError(filter);
  return (
    <form
      method="get"
      action="/dashboard/orders"
      role="search"
      className="grid grid-cols-2 gap-3 rounded-xl border border-stone-200 bg-white p-3 md:grid-cols-3 lg:grid-cols-7"
    >
      <div className="col-span-2 md:col-span-3 lg:col-span-2">
        <label htmlFor="q" className="text-sm font-medium">
          Search
        </label>
        <input
          {...fieldAria({ id: "q", name: "q", errors: qError ? [qError] : undefined })}
          type="search"
          maxLength={SEARCH_MAX}
          defaultValue={filter.q}
          placeholder="Reference, name, phone or receipt"
          className={`${field} aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600`}
        />
        {qError && (
          <p id="q-error" className="mt-1 text-sm text-red-700" role="alert">
            {qError}
          </p>
        )}
      </div>
      <CollapsibleFilters active={active}>
        <div>
          <label htmlFor="status" className="text-sm font-medium">
            Status
          </label>
          <select id="status" name="status" defaultValue={filter.status} className={field}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="fulfilment" className="text-sm font-medium">
            Fulfilment
          </label>
          <select id="fulfilment" name="fulfilment" defaultValue={filter.fulfilment} className={field}>
            {FULFILMENT_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "all" ? "Any" : s.charAt(0).toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="zone" className="text-sm font-medium">
            Delivery
          </label>
          <select id="zone" name="zone" defaultValue={filter.zone} className={field}>
            <option value="all">Any</option>
            <option value="pickup">Pickup at the shop</option>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="text-sm font-medium">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={filter.from} className={field} />
        </div>
        <div>
          <label htmlFor="to" className="text-sm font-medium">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={filter.to} className={field} />
        </div>
      </CollapsibleFilters>
      <div className="col-span-2 flex items-end gap-2 md:col-span-3 lg:col-span-7">
        <button
          type="submit"
          className="min-h-11 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Apply filters
        </button>
        <Link
          href="/dashboard/orders"
          className="inline-flex min-h-11 items-center rounded-lg px-3 py-2 text-sm hover:bg-stone-100"
        >
          Reset
        </Link>
      </div>
    </form>
  );
}
