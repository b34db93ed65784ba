import { DeliverySettingsForm } from "@/components/dashboard/delivery/settings-form";
import { ZoneForm } from "@/components/dashboard/delivery/zone-form";
import { OwnerOnly } from "@/components/dashboard/owner-only";
import { sellerPage } from "@/lib/auth/guards";
import { loadDeliverySettings } from "@/lib/delivery/settings-queries";

export const metadata = { title: "Delivery settings" };

export default async function DeliverySettingsPage() {
  const user = await sellerPage();
  if (user.role !== "OWNER") return <OwnerOnly what="change delivery options" />;
  const { settings, zones } = await loadDeliverySettings();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Delivery</h1>
      <p className="text-sm text-stone-600">
        What shoppers choose from at checkout. Changes apply to new orders only: every order keeps the option
        and fee it was placed with.
      </p>
      <DeliverySettingsForm settings={settings} />
      <section aria-labelledby="zones-h" className="space-y-3">
        <h2 id="zones-h" className="font-semibold">
          Delivery zones
        </h2>
        {zones.map((z) => (
          <ZoneForm key={`${z.id}-${z.updatedAt.getTime()}`} zone={z} />
        ))}
        <ZoneForm key={`new-${zones.length}`} />
      </section>
    </div>
  );
}
