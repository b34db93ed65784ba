import type { Metadata } from "next";
import { ProductGrid } from "@/components/catalog/product-card";
import { searchProducts } from "@/lib/catalog/queries";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const results = await searchProducts(q);
  return (
    // The query is shown as typed: a pasted link is one long word, wrapped to the screen, never scrolled.
    <div className="space-y-4 break-words">
      <h1 className="text-2xl font-bold">{q ? `Results for “${q}”` : "Search"}</h1>
      {!q && <p>Type what you are looking for in the search box above.</p>}
      {q && results.length === 0 && <p role="status">No products match “{q}”. Try another word.</p>}
      {results.length > 0 && (
        <>
          <p role="status" className="text-sm text-stone-600">
            {results.length} {results.length === 1 ? "product" : "products"} found
          </p>
          <ProductGrid products={results} />
        </>
      )}
    </div>
  );
}
