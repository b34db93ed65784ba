import Link from "next/link";
import { ProductGrid } from "@/components/catalog/product-card";
import { getCategories, getFeaturedProducts } from "@/lib/catalog/queries";

// Served from cache: rendered again when the catalogue changes (lib/catalog/cache.ts) or at the latest hourly.
export const revalidate = 3600;

export default async function HomePage() {
  // No Suspense around the featured products: the page is served whole from cache, so a loading skeleton
  // would never show, yet its markup would ride along in every response's inline RSC payload.
  const [categories, featured] = await Promise.all([getCategories(), getFeaturedProducts()]);
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-brand-700 px-6 py-8 text-white">
        <h1 className="text-2xl font-bold sm:text-3xl">Kenyan goods, paid with M-Pesa</h1>
        <p className="mt-2 max-w-prose text-brand-50">
          Add to cart, enter your phone number, and approve the prompt on your phone. No card, no account.
        </p>
      </section>
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="mb-3 text-lg font-semibold">
          Shop by category
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {categories.map((c) => (
            <li key={c.slug}>
              <Link
                href={`/categories/${c.slug}`}
                className="block rounded-xl border border-stone-200 bg-white p-4 font-medium shadow-sm hover:border-brand-500"
              >
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="mb-3 text-lg font-semibold">
          Featured
        </h2>
        <ProductGrid products={featured} />
      </section>
    </div>
  );
}
