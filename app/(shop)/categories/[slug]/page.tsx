import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProductGrid } from "@/components/catalog/product-card";
import { getCategoryWithProducts } from "@/lib/catalog/queries";

type Props = { params: Promise<{ slug: string }> };

// Served from cache: each category is rendered on its first visit, then again only when the catalogue
// changes (lib/catalog/cache.ts) or at the latest hourly.
export const revalidate = 3600;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const category = await getCategoryWithProducts((await params).slug);
  return { title: category?.name ?? "Not found" };
}

export default async function CategoryPage({ params }: Props) {
  const category = await getCategoryWithProducts((await params).slug);
  if (!category) notFound();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{category.name}</h1>
        <p className="text-stone-600">{category.description}</p>
      </div>
      {category.products.length ? <ProductGrid products={category.products} /> : <p>No products here yet.</p>}
    </div>
  );
}
