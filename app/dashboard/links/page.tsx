import { LinkForm } from "@/components/dashboard/links/link-form";
import { card } from "@/components/dashboard/order/card";
import { sellerPage } from "@/lib/auth/guards";
import { listLinkItems } from "@/lib/catalog/queries";
import { deliveryOffers } from "@/lib/delivery/pricing";
import { loadDeliveryConfig } from "@/lib/delivery/queries";
import { formatEat, formatKes } from "@/lib/format";
import { listRecentLinks } from "@/lib/payment-links/queries";

export const metadata = { title: "Payment links" };

export default async function LinksPage() {
  await sellerPage();
  const [items, config, recent] = await Promise.all([
    listLinkItems(),
    loadDeliveryConfig(),
    listRecentLinks(),
  ]);
  const options = deliveryOffers(config, 0).map((o) => ({ key: o.key, label: o.label, feeKes: o.feeKes }));
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Payment link</h1>
      <p className="text-sm text-stone-600">
        Closing a sale in a chat? Build the order here and send the customer a link to pay with M-Pesa. The
        items are held only once they open it and check out.
      </p>
      <LinkForm items={items} options={options} />
      <section className={card} aria-labelledby="recent-h">
        <h2 id="recent-h" className="font-semibold">
          Recent links
        </h2>
        {recent.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">No links yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100 text-sm">
            {recent.map((l) => (
              <li key={l.id} className="flex flex-wrap justify-between gap-x-3 py-2">
                <span className="font-medium">{l.customerName}</span>
                <span>{formatKes(l.totalKes)}</span>
                <span className="w-full text-xs text-stone-500">
                  {l.order
                    ? `${l.order.reference} · ${l.order.status.toLowerCase()}`
                    : `Open until ${formatEat(l.expiresAt)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
