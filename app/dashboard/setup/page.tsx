import { formatPhoneLocal } from "@/lib/format";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { SetupChecklist } from "@/components/setup/setup-checklist";
import { TestPaymentForm } from "@/components/setup/test-payment-form";
import { sellerPage } from "@/lib/auth/guards";
import { ownerTestPhone, runSetupChecks } from "@/lib/setup/checks";

export const metadata = { title: "Setup" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="see the shop's setup" />;
  const [checks, phone] = await Promise.all([runSetupChecks(), ownerTestPhone(user.id)]);
  const problems = checks.filter((c) => c.status === "problem").length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Setup</h1>
      <p className="text-sm text-stone-600" role="status" data-testid="setup-summary">
        {problems === 0
          ? "Everything a shopper's payment needs is in place."
          : `${problems} thing${problems === 1 ? "" : "s"} to fix before shoppers can pay.`}
      </p>
      <SetupChecklist checks={checks} />
      <TestPaymentForm phone={phone && formatPhoneLocal(phone)} />
    </div>
  );
}
