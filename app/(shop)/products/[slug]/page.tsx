import type { Metadata } from "next";
import clsx from "clsx";
import { Photo } from "@/components/ui/photo";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OptionPicker } from "@/components/catalog/option-picker";
import { Price } from "@/components/catalog/price";
import { StockBadge } from "@/components/catalog/stock-badge";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { quantityRule } from "@/lib/cart/queries";
import { getMinutesUntilReservationEnds, getProductBySlug } from "@/lib/catalog/queries";
import { pickVariant, variantQuery } from "@/lib/catalog/variants";
import { variantName, variantPrice } from "@/lib/pricing/variant-price";
import { ShareButtons } from "@/components/ui/share-buttons";
import { env } from "@/lib/env";
import { formatKes } from "@/lib/format";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Title, price in KES and photo (of the variant the link names), so a shared product shows as a card. */
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  if (!product) return { title: "Not found" };
  const variant = pickVariant(product.options, product.variants, await searchParams);
  const { priceKes } = variant ? variantPrice(product, variant) : product;
  const name = variantName(product.name, variant?.title ?? "");
  const title = `${name} · ${formatKes(priceKes)}`;
  const description = product.description.slice(0, 200);
  const image = new URL(variant?.imageUrl ?? product.imageUrl, env.publicUrl).toString();
  const url = `${env.publicUrl}/products/${product.slug}`;
  return {
    title: name,
    description,
    alternates: { canonical: url },
    openGraph: { type: "website", title, description, url, images: [{ url: image, alt: name }] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
    other: { "product:price:amount": String(priceKes), "product:price:currency": "KES" },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();
  const variant = pickVariant(product.options, product.variants, await searchParams);
  const stock = variant?.stock ?? 0;
  const price = variant ? variantPrice(product, variant) : { priceKes: product.priceKes, compareAtKes: null };
  const reservedForMinutes = variant && stock <= 0 ? await getMinutesUntilReservationEnds(variant.id) : null;
  const imageUrl = variant?.imageUrl ?? product.imageUrl;
  // The shared link carries the choice, so it opens on the same variant.
  const query = variant ? variantQuery(product.options, variant.optionValues) : "";
  const shareUrl = `${env.publicUrl}/products/${product.slug}${query ? `?${query}` : ""}`;
  const shareName = variantName(product.name, variant?.title ?? "");
  return (
    // On a 360 x 740 phone "Add to cart" sits above the fold: a shorter photo, price and stock on one line,
    // the description after the button.
    <article className="grid gap-4 md:grid-cols-2 md:gap-6">
      <Photo
        src={imageUrl}
        alt={variant?.title ? `${product.name}, ${variant.title}` : product.name}
        width={600}
        height={600}
        loading="eager"
        fetchPriority="high"
        // A product with options has its pickers above the button too: a wider photo keeps the button in view.
        className={clsx(
          "w-full rounded-2xl border border-stone-200 bg-white object-cover md:aspect-square",
          product.options.length > 0 ? "aspect-[16/9]" : "aspect-[4/3]",
        )}
      />
      <div className="space-y-3 md:space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
          <Link href={`/categories/${product.category.slug}`} className="hover:underline">
            {product.category.name}
          </Link>
        </nav>
        <h1 className="text-xl font-bold md:text-2xl">{product.name}</h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="text-2xl font-semibold">
            <Price {...price} />
          </p>
          <StockBadge stock={stock} reserved={reservedForMinutes !== null} />
        </div>
        {product.options.length > 0 && variant && (
          <OptionPicker options={product.options} variants={product.variants} chosen={variant.optionValues} />
        )}
        <AddToCartForm
          key={variant?.id}
          variantId={variant?.id ?? ""}
          stock={stock}
          rule={quantityRule()}
          reservedForMinutes={reservedForMinutes}
        />
        <p className="max-w-prose text-stone-700">{product.description}</p>
        <ShareButtons
          whatsappUrl={`https://wa.me/?text=${encodeURIComponent(`${shareName}, ${formatKes(price.priceKes)}: ${shareUrl}`)}`}
          copyText={shareUrl}
        />
      </div>
    </article>
  );
}
