import "server-only";
import { AMOUNT_MAX, isValidAmount } from "@/lib/daraja";
import { findCatalogVariants } from "@/lib/cart/queries";
import type { CatalogVariant } from "@/lib/catalog/variants";
import { prisma } from "@/lib/db";
import { deliveryOffers } from "@/lib/delivery/pricing";
import { loadDeliveryConfig } from "@/lib/delivery/queries";
import { env } from "@/lib/env";
import { formatEat, formatKes } from "@/lib/format";
import { enqueuePaymentLinkSms } from "@/lib/notifications/enqueue";
import { hashToken, newPublicId } from "@/lib/payments/shared/identifiers";
import type { LinkLineInput } from "./pricing";
import { priceLinkLines } from "./pricing";

export type NewLink = {
  customerName: string;
  phone: string;
  lines: LinkLineInput[];
  /** "pickup" or a zone id. */
  delivery: string;
  /** Null: the option's fee as the checkout would charge it. */
  feeKes: number | null;
  expiresInHours: number;
  sendSms: boolean;
};

export type CreatedLink = {
  url: string;
  message: string;
  whatsappUrl: string;
  totalKes: number;
  /** Items the shop has too few of now: the customer cannot pay for the link until the seller restocks. */
  stockWarnings: string[];
};

/** The catalogue lines asking for more than is in stock now, in the seller's words. */
function shortOfStock(lines: LinkLineInput[], variants: CatalogVariant[]): string[] {
  const wanted = new Map<string, number>();
  for (const l of lines)
    if (l.kind === "product") wanted.set(l.variantId, (wanted.get(l.variantId) ?? 0) + l.quantity);
  return variants.flatMap((v) => {
    const quantity = wanted.get(v.id) ?? 0;
    if (quantity <= v.stock) return [];
    const left = v.stock <= 0 ? "is sold out" : `has only ${v.stock} in stock`;
    return [`${v.name} ${left} (${quantity} on the link): restock it, or the customer cannot pay.`];
  });
}

/** The message the seller shares: who it is for, the total, the link and until when it works. */
function shareMessage(link: { customerName: string; totalKes: number; url: string; expiresAt: Date }) {
  const first = link.customerName.split(" ")[0];
  return `Hi ${first}, here is your order from ${env.notifications.shopName}: ${formatKes(link.totalKes)}. Pay with M-Pesa here: ${link.url} (works until ${formatEat(link.expiresAt, "d MMM, HH:mm")}).`;
}

/** WhatsApp's share link to the customer's number with the message written in. */
export const whatsappUrl = (phone: string, message: string) =>
  `https://wa.me/${phone}?text=${encodeURIComponent(message)}`;

/**
 * Makes a payment link priced on the server (catalogue lines at today's prices, custom lines as typed),
 * holding no stock until the customer checks out through it. The token is shown once; only its hash is kept.
 */
export async function createPaymentLink(
  input: NewLink,
  by: string,
  now = new Date(),
): Promise<{ ok: true; link: CreatedLink } | { ok: false; message: string; field?: string }> {
  const ids = input.lines.flatMap((l) => (l.kind === "product" ? [l.variantId] : []));
  const variants = await findCatalogVariants(ids);
  const priced = priceLinkLines(input.lines, variants);
  if (!priced.ok) return { ok: false, message: priced.message, field: "lines" };
  const offer = deliveryOffers(await loadDeliveryConfig(), priced.goodsKes).find(
    (o) => o.key === input.delivery,
  );
  if (!offer)
    return { ok: false, message: "Choose pickup or a delivery zone the shop offers.", field: "delivery" };
  const feeKes = input.feeKes ?? offer.feeKes;
  const totalKes = priced.goodsKes + feeKes;
  if (!isValidAmount(totalKes))
    return {
      ok: false,
      message: `M-Pesa takes KES 1 to ${formatKes(AMOUNT_MAX)}: change the items.`,
      field: "lines",
    };
  const token = newPublicId();
  const expiresAt = new Date(now.getTime() + input.expiresInHours * 3_600_000);
  const url = `${env.publicUrl}/pay/${token}`;
  const message = shareMessage({ customerName: input.customerName, totalKes, url, expiresAt });
  await prisma.$transaction(async (tx) => {
    const link = await tx.paymentLink.create({
      data: {
        tokenHash: hashToken(token),
        customerName: input.customerName,
        phone: input.phone,
        deliveryKey: offer.key,
        deliveryFeeKes: feeKes,
        goodsKes: priced.goodsKes,
        expiresAt,
        createdBy: by,
        createdAt: now,
        // The link keeps name and price; the variant's title and SKU are read again at checkout.
        lines: {
          create: priced.lines.map(({ productId, variantId, name, unitPriceKes, quantity }) => ({
            productId,
            variantId,
            name,
            unitPriceKes,
            quantity,
          })),
        },
      },
    });
    if (input.sendSms)
      await enqueuePaymentLinkSms(tx, { linkId: link.id, phone: input.phone, text: message });
  });
  return {
    ok: true,
    link: {
      url,
      message,
      whatsappUrl: whatsappUrl(input.phone, message),
      totalKes,
      stockWarnings: shortOfStock(input.lines, variants),
    },
  };
}
