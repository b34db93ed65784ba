import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { notFound, redirect } from "next/navigation";
import { OrderSummary } from "@/components/checkout/order-summary";
import { LinkPayForm } from "@/components/payment-links/link-pay-form";
import { payOnDeliveryRefusal } from "@/lib/delivery/pay-on-delivery";
import { type DeliveryOffer, deliveryOffers, offerValue } from "@/lib/delivery/pricing";
import { loadDeliveryConfig } from "@/lib/delivery/queries";
import { formatEat } from "@/lib/format";
import { readPaymentLink } from "@/lib/payment-links/queries";

// Paying waits on Daraja (token + push, 15 s timeouts each).
export const maxDuration = 60;

export const metadata: Metadata = { title: "Your order", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

function Closed({ title, text }: { title: string; text: string }) {
  return (
    <div className="mx-auto max-w-lg space-y-2 rounded-xl border border-stone-300 bg-white p-4" role="status">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p>{text}</p>
    </div>
  );
}

export default async function PayLinkPage({ params }: Props) {
  const { token } = await params;
  const link = await readPaymentLink(token);
  if (!link) notFound();
  if (link.orderPublicId) redirect(`/orders/${link.orderPublicId}`);
  if (link.state === "cancelled")
    return <Closed title="Link cancelled" text="The shop cancelled this link." />;
  if (link.state === "expired")
    return (
      <Closed
        title="This link has expired"
        text={`It worked until ${formatEat(link.expiresAt)}. Ask the shop for a new one.`}
      />
    );
  const config = await loadDeliveryConfig();
  const offer = deliveryOffers(config, link.goodsKes).find((o) => o.key === link.deliveryKey);
  if (!offer)
    return (
      <Closed
        title="Delivery option gone"
        text="The shop no longer offers this delivery. Ask for a new link."
      />
    );
  const totalKes = link.goodsKes + link.deliveryFeeKes;
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Your order</h1>
      <p className="text-sm text-stone-700">
        Prepared for {link.customerName}. This link works until {formatEat(link.expiresAt)}.
      </p>
      <OrderSummary
        lines={link.lines.map((l) => ({
          id: l.id,
          label: `${l.quantity} × ${l.name}`,
          totalKes: l.unitPriceKes * l.quantity,
        }))}
        goodsKes={link.goodsKes}
        // The fee the seller agreed, in place of the option's usual one.
        delivery={{ ...offer, feeKes: link.deliveryFeeKes } as DeliveryOffer}
        totalKes={totalKes}
      />
      <LinkPayForm
        token={token}
        checkoutKey={randomUUID()}
        deliveryValue={offerValue(offer)}
        counties={offer.method === "DELIVERY" ? offer.counties : null}
        totalKes={totalKes}
        canPayLater={payOnDeliveryRefusal(offer.payOnDelivery, totalKes) === null}
        payOnDeliveryNote={config.payOnDeliveryNote}
        customer={{ name: link.customerName, phone: link.phone }}
      />
    </div>
  );
}
