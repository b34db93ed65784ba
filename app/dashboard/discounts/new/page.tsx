import { DiscountForm } from "@/components/dashboard/discount-form";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { sellerPage } from "@/lib/auth/guards";
import { listCodeTargets } from "@/lib/discounts/queries";

export const metadata = { title: "New discount code" };

export default async function NewCodePage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="manage discount codes" />;
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">New discount code</h1>
      <DiscountForm {...await listCodeTargets()} />
    </div>
  );
}
