import Link from "next/link";
import { notFound } from "next/navigation";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { OptionsForm, VariantsForm } from "@/components/dashboard/variant-forms";
import { sellerPage } from "@/lib/auth/guards";
import { getProductVariants } from "@/lib/dashboard/products";

export const metadata = { title: "Options and variants" };

export default async function VariantsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="edit products" />;
  const product = await getProductVariants((await params).id);
  if (!product) notFound();
  const variants = product.options.length ? product.variants.filter((v) => v.title !== "") : product.variants;
  return (
    <div className="max-w-3xl space-y-4">
      <Link
        href={`/dashboard/products/${product.id}/edit`}
        className="inline-flex min-h-11 items-center text-sm text-brand-700 hover:underline"
        data-nav-link
      >
        ← {product.name}
      </Link>
      <h1 className="text-2xl font-semibold">Options and variants</h1>
      <OptionsForm productId={product.id} options={product.options} />
      <VariantsForm productId={product.id} basePriceKes={product.priceKes} variants={variants} />
    </div>
  );
}
