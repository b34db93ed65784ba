import type { Metadata } from "next";
import { ProductView, productMetadata } from "@/components/catalog/product-view";

type Props = { params: Promise<{ slug: string }> };

// Served from cache: each product is rendered on its first visit, then again only when the catalogue
// changes (lib/catalog/cache.ts) or at the latest hourly.
export const revalidate = 3600;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return productMetadata((await params).slug);
}

/** The product with its default variant (the first in stock). */
export default async function ProductPage({ params }: Props) {
  return <ProductView slug={(await params).slug} />;
}
