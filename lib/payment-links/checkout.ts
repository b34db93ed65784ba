import "server-only";
import { deliveryOffers } from "@/lib/delivery/pricing";
import { loadDeliveryConfig } from "@/lib/delivery/queries";
import { formatEat } from "@/lib/format";
import { prisma } from "@/lib/db";
import { type OrderLine, startCheckout } from "@/lib/payments/stk/checkout";
import { readPaymentLink } from "./queries";

export type LinkCheckoutForm = {
  customerName: string;
  phone: string;
  email?: string;
  county?: string;
  town?: string;
  landmark?: string;
  paymentMethod: "MPESA_NOW" | "ON_DELIVERY";
  checkoutKey: string;
  clientIp: string | null;
};

/** The link's lines as the order keeps them: each catalogue line with its variant's title and SKU. */
async function linkOrderLines(
  lines: {
    productId: string | null;
    variantId: string | null;
    name: string;
    unitPriceKes: number;
    quantity: number;
  }[],
): Promise<OrderLine[]> {
  const ids = lines.flatMap((l) => (l.variantId ? [l.variantId] : []));
  const variants = await prisma.productVariant.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, sku: true },
  });
  const byId = new Map(variants.map((v) => [v.id, v]));
  return lines.map(({ productId, variantId, name, unitPriceKes, quantity }) => {
    const variant = variantId ? byId.get(variantId) : undefined;
    return {
      productId,
      variantId,
      name,
      variantTitle: variant?.title ?? "",
      sku: variant?.sku ?? null,
      unitPriceKes,
      quantity,
    };
  });
}

export type LinkCheckoutResult = { ok: true; publicId: string } | { ok: false; message: string };

/**
 * The customer confirms a payment link: the order is made from the link's lines and fee (never from what
 * the form says), its stock held for a checkout's time, and the prompt sent. A link with a live or paid
 * order sends the customer to that order instead of making a second.
 */
export async function checkoutFromLink(token: string, form: LinkCheckoutForm): Promise<LinkCheckoutResult> {
  const link = await readPaymentLink(token);
  if (!link) return { ok: false, message: "This link is not valid. Ask the shop for a new one." };
  if (link.orderPublicId) return { ok: true, publicId: link.orderPublicId };
  if (link.state === "cancelled") return { ok: false, message: "The shop cancelled this link." };
  if (link.state === "expired")
    return {
      ok: false,
      message: `This link expired on ${formatEat(link.expiresAt)}. Ask the shop for a new one.`,
    };
  const offer = deliveryOffers(await loadDeliveryConfig(), link.goodsKes).find(
    (o) => o.key === link.deliveryKey,
  );
  if (!offer)
    return { ok: false, message: "This delivery option is no longer offered. Ask the shop for a new link." };
  const result = await startCheckout({
    lines: [],
    link: {
      id: link.id,
      lines: await linkOrderLines(link.lines),
      deliveryFeeKes: link.deliveryFeeKes,
    },
    customerName: form.customerName,
    phone: form.phone,
    email: form.email,
    delivery: {
      key: offer.key,
      seenFeeKes: offer.feeKes,
      county: form.county,
      town: form.town,
      landmark: form.landmark,
    },
    clientIp: form.clientIp,
    checkoutKey: form.checkoutKey,
    paymentMethod: form.paymentMethod,
  });
  if (result.ok) return result;
  if (result.reason === "link_used") {
    const now = await readPaymentLink(token);
    if (now?.orderPublicId) return { ok: true, publicId: now.orderPublicId };
  }
  return { ok: false, message: result.message };
}
