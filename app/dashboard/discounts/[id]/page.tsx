import { notFound } from "next/navigation";
import { DiscountForm } from "@/components/dashboard/discount-form";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { sellerPage } from "@/lib/auth/guards";
import { getCode, listCodeTargets } from "@/lib/discounts/queries";

export const metadata = { title: "Edit discount code" };

export default async function EditCodePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="manage discount codes" />;
  const code = await getCode((await params).id);
  if (!code) notFound();
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Edit {code.code}</h1>
      <DiscountForm code={code} {...await listCodeTargets()} />
    </div>
  );
}
