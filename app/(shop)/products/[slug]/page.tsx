import type { Metadata } from "next";
import { Photo } from "@/components/ui/photo";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StockBadge } from "@/components/catalog/stock-badge";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { quantityRule } from "@/lib/cart/queries";
import { getMinutesUntilReservationEnds, getProductBySlug } from "@/lib/catalog/queries";
import { ShareButtons } from "@/components/ui/share-buttons";
import { env } from "@/lib/env";
import { formatKes } from "@/lib/format";

type Props = { params: Promise<{ slug: string }> };

/** Title, price in KES and photo, so a product shared in WhatsApp (or anywhere) shows as a card. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  if (!product) return { title: "Not found" };
  const title = `${product.name} · ${formatKes(product.priceKes)}`;
  const description = product.description.slice(0, 200);
  const image = new URL(product.imageUrl, env.publicUrl).toString();
  const url = `${env.publicUrl}/products/${product.slug}`;
  return {
    title: product.name,
    description,
    alternates: { canonical: url },
    openGraph: { type: "website", title, description, url, images: [{ url: image, alt: product.name }] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
    other: { "product:price:amount": String(product.priceKes), "product:price:currency": "KES" },
  };
}

export default async function ProductPage({ params }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();
  const reservedForMinutes = product.stock <= 0 ? await getMinutesUntilReservationEnds(product.id) : null;
  return (
    // On a 360 x 740 phone "Add to cart" sits above the fold: a shorter photo, price and stock on one line,
    // the description after the button.
    <article className="grid gap-4 md:grid-cols-2 md:gap-6">
      <Photo
        src={product.imageUrl}
        alt={product.name}
        width={600}
        height={600}
        loading="eager"
        fetchPriority="high"
        className="aspect-[4/3] w-full rounded-2xl border border-stone-200 bg-white object-cover md:aspect-square"
      />
      <div className="space-y-3 md:space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
          <Link href={`/categories/${product.category.slug}`} className="hover:underline">
            {product.category.name}
          </Link>
        </nav>
        <h1 className="text-xl font-bold md:text-2xl">{product.name}</h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="text-2xl font-semibold">{formatKes(product.priceKes)}</p>
          <StockBadge stock={product.stock} reserved={reservedForMinutes !== null} />
        </div>
        <AddToCartForm
          productId={product.id}
          stock={product.stock}
          rule={quantityRule()}
          reservedForMinutes={reservedForMinutes}
        />
        <p className="max-w-prose text-stone-700">{product.description}</p>
        <ShareButtons
          whatsappUrl={`https://wa.me/?text=${encodeURIComponent(`${product.name}, ${formatKes(product.priceKes)}: ${env.publicUrl}/products/${product.slug}`)}`}
          copyText={`${env.publicUrl}/products/${product.slug}`}
        />
      </div>
    </article>
  );
}
