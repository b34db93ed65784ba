import type { Metadata } from "next";
import { ProductView, productMetadata } from "@/components/catalog/product-view";

type Props = { params: Promise<{ slug: string; variant: string }> };

// Served from cache like the product's own page: rendered on the first visit of each variant.
export const revalidate = 3600;
export function generateStaticParams(): { variant: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, variant } = await params;
  return productMetadata(slug, variant);
}

/** One variant of the product: /products/ankara-wrap-dress/red-m (lib/catalog/variants.ts variantKeys). */
export default async function VariantPage({ params }: Props) {
  const { slug, variant } = await params;
  return <ProductView slug={slug} variantKey={variant} />;
}
