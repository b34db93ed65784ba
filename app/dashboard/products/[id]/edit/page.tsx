import Link from "next/link";
import { notFound } from "next/navigation";
import { ArchiveForm } from "@/components/dashboard/archive-form";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { ProductForm } from "@/components/dashboard/product-form";
import { sellerPage } from "@/lib/auth/guards";
import { getProductForEdit, listCategories } from "@/lib/dashboard/products";
import { getShopLowStockThreshold } from "@/lib/notifications/queries";

export const metadata = { title: "Edit product" };

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="edit products" />;
  const product = await getProductForEdit((await params).id);
  if (!product) notFound();
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Edit {product.name}</h1>
      <ProductForm
        product={product}
        categories={await listCategories()}
        shopLowStockThreshold={await getShopLowStockThreshold()}
      />
      <Link
        href={`/dashboard/products/${product.id}/variants`}
        className="flex min-h-11 items-center justify-between rounded-xl border border-stone-200 bg-white p-4 font-medium text-brand-700 hover:bg-stone-50"
      >
        Options and variants (sizes, colours, stock per variant)
        <span aria-hidden="true">→</span>
      </Link>
      <ArchiveForm id={product.id} active={product.active} />
    </div>
  );
}
