import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OptionPicker } from "@/components/catalog/option-picker";
import { Price } from "@/components/catalog/price";
import { StockBadge } from "@/components/catalog/stock-badge";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { getMinutesUntilReservationEnds, getProductBySlug } from "@/lib/catalog/queries";
import { pickVariant } from "@/lib/catalog/variants";
import { variantPrice } from "@/lib/pricing/variant-price";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  return { title: product?.name ?? "Not found", description: product?.description };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();
  const variant = pickVariant(product.options, product.variants, await searchParams);
  const stock = variant?.stock ?? 0;
  const price = variant ? variantPrice(product, variant) : { priceKes: product.priceKes, compareAtKes: null };
  const reservedForMinutes = variant && stock <= 0 ? await getMinutesUntilReservationEnds(variant.id) : null;
  const imageUrl = variant?.imageUrl ?? product.imageUrl;
  return (
    <article className="grid gap-6 md:grid-cols-2">
      <Image
        src={imageUrl}
        alt={variant?.title ? `${product.name}, ${variant.title}` : product.name}
        width={600}
        height={600}
        priority
        className="aspect-square w-full rounded-2xl border border-stone-200 bg-white object-cover"
      />
      <div className="space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
          <Link href={`/categories/${product.category.slug}`} className="hover:underline">
            {product.category.name}
          </Link>
        </nav>
        <h1 className="text-2xl font-bold">{product.name}</h1>
        <p className="text-2xl font-semibold">
          <Price {...price} />
        </p>
        {product.options.length > 0 && variant && (
          <OptionPicker options={product.options} variants={product.variants} chosen={variant.optionValues} />
        )}
        <StockBadge stock={stock} reserved={reservedForMinutes !== null} />
        <p className="max-w-prose text-stone-700">{product.description}</p>
        <AddToCartForm
          key={variant?.id}
          variantId={variant?.id ?? ""}
          stock={stock}
          reservedForMinutes={reservedForMinutes}
        />
      </div>
    </article>
  );
}
