import Link from "next/link";
import { StockBadge } from "@/components/catalog/stock-badge";
import { sellerPage } from "@/lib/auth/guards";
import { listSellerProducts } from "@/lib/dashboard/products";
import { formatKes } from "@/lib/format";

export const metadata = { title: "Products" };

export default async function ProductsPage() {
  const user = await sellerPage();
  const products = await listSellerProducts();
  const isOwner = user.role === "OWNER";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Products</h1>
        {isOwner && (
          <Link
            href="/dashboard/products/new"
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            New product
          </Link>
        )}
      </div>
      <ul
        className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white"
        data-testid="products-list"
      >
        {products.map((p) => (
          <li
            key={p.id}
            data-testid="product-row"
            className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 px-3 py-3 text-sm md:grid-cols-[minmax(0,1fr)_8rem_7rem_8rem_5rem]"
          >
            <span className="min-w-0">
              <span className="font-medium">{p.name}</span>
              {!p.active && (
                <span className="ml-2 rounded-full bg-stone-200 px-2 py-0.5 text-xs">Archived</span>
              )}
              <span className="block text-xs text-stone-500">
                {p.category.name}
                {p.variantCount > 1 && ` · ${p.variantCount} variants`}
              </span>
            </span>
            <span className="text-right font-medium md:text-left md:font-normal">
              {p.priceVaries && "From "}
              {formatKes(p.priceKes)}
            </span>
            {/* On a phone: stock, badge and Edit share the card's second line. */}
            <span className="col-span-2 flex flex-wrap items-center gap-x-3 gap-y-1 md:contents">
              <span>{p.stock} in stock</span>
              <StockBadge stock={p.stock} />
            </span>
            {isOwner ? (
              <Link
                href={`/dashboard/products/${p.id}/edit`}
                className="col-span-2 inline-flex min-h-11 items-center font-medium text-brand-700 hover:underline md:col-span-1"
                aria-label={`Edit ${p.name}`}
              >
                Edit
              </Link>
            ) : (
              <span />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
