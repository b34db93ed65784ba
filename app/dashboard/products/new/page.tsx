import { OwnerOnly } from "@/components/dashboard/owner-only";
import { ProductForm } from "@/components/dashboard/product-form";
import { sellerPage } from "@/lib/auth/guards";
import { listCategories } from "@/lib/dashboard/products";
import { getShopLowStockThreshold } from "@/lib/notifications/queries";

export const metadata = { title: "New product" };

export default async function NewProductPage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="add products" />;
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">New product</h1>
      <ProductForm
        categories={await listCategories()}
        shopLowStockThreshold={await getShopLowStockThreshold()}
      />
    </div>
  );
}
