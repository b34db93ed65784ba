import type { Metadata } from "next";
import clsx from "clsx";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Photo } from "@/components/ui/photo";
import { ShareButtons } from "@/components/ui/share-buttons";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { OptionPicker } from "./option-picker";
import { Price } from "./price";
import { LiveSoldOut, VariantFromOldLink } from "./product-islands";
import { StockBadge } from "./stock-badge";
import { quantityRule } from "@/lib/cart/queries";
import { getProductBySlug } from "@/lib/catalog/queries";
import { defaultVariant, variantByKey, variantKeys, variantPath } from "@/lib/catalog/variants";
import { variantName, variantPrice } from "@/lib/pricing/variant-price";
import { env } from "@/lib/env";
import { formatKes } from "@/lib/format";

/*
 * A product page, the same HTML for everyone (served from cache, rendered again when the catalogue changes:
 * lib/catalog/cache.ts): /products/<slug> shows its default variant, /products/<slug>/<key> the variant the
 * key names (variantKeys). What must be live, the stock held by other shoppers' unpaid orders, is read by the
 * browser (./product-islands.tsx); adding to the cart checks the stock again.
 */

/** The product and the variant the address names; a key naming none goes to the product's own page. */
async function load(slug: string, key?: string) {
  const product = await getProductBySlug(slug);
  if (!product) notFound();
  const variant = key === undefined ? defaultVariant(product.variants) : variantByKey(product.variants, key);
  if (!variant && key !== undefined) redirect(`/products/${slug}`);
  const keys = variantKeys(product.variants);
  const own = `/products/${product.slug}`;
  const path = variant ? variantPath(product.slug, variant, keys) : own;
  // The default variant's own address shows what the product's page shows: one page, one canonical address.
  const showsDefault = key === undefined || variant === defaultVariant(product.variants);
  return {
    product,
    variant,
    keys,
    /** The page's canonical address: the product's own page for its default variant, else the variant's. */
    url: `${env.publicUrl}${showsDefault ? own : path}`,
    /** What the share buttons send: the variant shown, so the link opens on it whatever the default becomes. */
    shareUrl: `${env.publicUrl}${path}`,
  };
}

/** Title, price in KES and photo of the variant shown, so a shared link shows as a card. */
export async function productMetadata(slug: string, key?: string): Promise<Metadata> {
  const { product, variant, url } = await load(slug, key);
  const { priceKes } = variant ? variantPrice(product, variant) : product;
  const name = variantName(product.name, variant?.title ?? "");
  const title = `${name} · ${formatKes(priceKes)}`;
  const description = product.description.slice(0, 200);
  const image = new URL(variant?.imageUrl ?? product.imageUrl, env.publicUrl).toString();
  return {
    title: name,
    description,
    alternates: { canonical: url },
    openGraph: { type: "website", title, description, url, images: [{ url: image, alt: name }] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
    other: { "product:price:amount": String(priceKes), "product:price:currency": "KES" },
  };
}

export async function ProductView({ slug, variantKey }: { slug: string; variantKey?: string }) {
  const { product, variant, keys, shareUrl } = await load(slug, variantKey);
  const stock = variant?.stock ?? 0;
  const price = variant ? variantPrice(product, variant) : { priceKes: product.priceKes, compareAtKes: null };
  const imageUrl = variant?.imageUrl ?? product.imageUrl;
  const shareName = variantName(product.name, variant?.title ?? "");
  const choices = product.variants.map((v) => ({ ...v, href: variantPath(product.slug, v, keys) }));
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
        {/* A thumb-sized link that takes a text line's room: its tap area reaches into the gaps around it. */}
        <nav aria-label="Breadcrumb" className="-my-3 text-sm text-stone-600">
          <Link
            href={`/categories/${product.category.slug}`}
            className="inline-flex min-h-11 items-center hover:underline"
          >
            {product.category.name}
          </Link>
        </nav>
        <h1 className="text-xl font-bold md:text-2xl">{product.name}</h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <p className="text-2xl font-semibold">
            <Price {...price} />
          </p>
          {variant && stock <= 0 ? (
            <LiveSoldOut variantId={variant.id} reserved={<StockBadge stock={0} reserved />}>
              <StockBadge stock={0} />
            </LiveSoldOut>
          ) : (
            <StockBadge stock={stock} />
          )}
        </div>
        {product.options.length > 0 && variant && (
          <OptionPicker options={product.options} variants={choices} chosen={variant.optionValues} />
        )}
        {product.options.length > 0 && variantKey === undefined && (
          <VariantFromOldLink options={product.options} variants={choices} />
        )}
        <AddToCartForm key={variant?.id} variantId={variant?.id ?? ""} stock={stock} rule={quantityRule()} />
        <p className="max-w-prose text-stone-700">{product.description}</p>
        <ShareButtons
          whatsappUrl={`https://wa.me/?text=${encodeURIComponent(`${shareName}, ${formatKes(price.priceKes)}: ${shareUrl}`)}`}
          copyText={shareUrl}
        />
      </div>
    </article>
  );
}
