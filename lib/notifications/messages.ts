import { type Method, fulfilmentSteps } from "@/lib/delivery/fulfilment";
import { formatKes } from "@/lib/format";
import { fitOneSegment } from "./sms-text";

/** What every message about an order may say: nothing here is a phone number. */
export type OrderFacts = {
  reference: string;
  publicId: string;
  totalKes: number;
  mpesaReceipt: string | null;
  customerName: string;
  /** How the order gets to the shopper, in words (describeOrderDelivery); absent on older orders. */
  delivery?: string;
  /** Pickup or delivery, so the alert names the buttons the seller will tap. */
  method?: Method;
};

/** What to do next, in the words of the order page's buttons: "Mark dispatched", "Mark picked up"… */
function nextSteps(method: Method): string {
  const [first, then] = fulfilmentSteps(method, "UNFULFILLED").map((s) => `"${s.label}"`);
  return then
    ? `Pack it, tap ${first} when it leaves, then ${then} when it arrives.`
    : `Pack it, then tap ${first} on the order when it is done.`;
}

export type Shop = { shopName: string; publicUrl: string };
export type Rendered = { subject: string; text: string; html: string; sms: string };

export const orderUrl = (shop: Shop, o: Pick<OrderFacts, "publicId">) =>
  `${shop.publicUrl}/orders/${o.publicId}`;
export const dashboardUrl = (shop: Shop, o: Pick<OrderFacts, "reference">) =>
  `${shop.publicUrl}/dashboard/orders/${o.reference}`;
const receiptWords = (o: OrderFacts) => o.mpesaReceipt ?? "receipt to follow";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain, widely rendered email: one column, inline styles, a button-like link. */
function emailHtml(shop: Shop, heading: string, lines: string[], link: { href: string; label: string }) {
  const paragraphs = lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join("");
  return `<!doctype html><html><body style="margin:0;background:#f5f5f4;font-family:Arial,sans-serif;color:#1c1917">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:520px;background:#ffffff;border-radius:12px;padding:24px">
<tr><td><p style="margin:0 0 4px;color:#15803d;font-weight:bold">${escapeHtml(shop.shopName)}</p>
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(heading)}</h1>${paragraphs}
<p style="margin:20px 0 0"><a href="${escapeHtml(link.href)}" style="display:inline-block;background:#15803d;color:#ffffff;padding:12px 18px;border-radius:8px;text-decoration:none;font-weight:bold">${escapeHtml(link.label)}</a></p>
</td></tr></table></td></tr></table></body></html>`;
}

export function render(shop: Shop, heading: string, lines: string[], link: { href: string; label: string }) {
  return {
    subject: `${heading} · ${shop.shopName}`,
    text: [heading, "", ...lines, "", `${link.label}: ${link.href}`].join("\n"),
    html: emailHtml(shop, heading, lines, link),
  };
}

/** The shopper's receipt: shop, reference, amount, M-Pesa receipt and the order link. */
export function orderConfirmation(shop: Shop, o: OrderFacts): Rendered {
  const amount = formatKes(o.totalKes);
  const url = orderUrl(shop, o);
  return {
    ...render(
      shop,
      `Order ${o.reference} is paid`,
      [
        `Thank you, ${o.customerName}. We received your M-Pesa payment of ${amount} for order ${o.reference}.`,
        `M-Pesa receipt: ${receiptWords(o)}.`,
        ...(o.delivery ? [o.delivery] : []),
      ],
      { href: url, label: "View your order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: payment received for order ${o.reference}, ${amount}, M-Pesa ${receiptWords(o)}. View: ${url}`,
      `${shop.shopName}: order ${o.reference} paid, ${amount}, M-Pesa ${receiptWords(o)}. ${url}`,
      `${o.reference} paid, ${amount}, M-Pesa ${receiptWords(o)}. ${url}`,
    ]),
  };
}

/** The shopper's "your money is on its way back": amount, order and the refund's own M-Pesa reference. */
export function refundConfirmation(
  shop: Shop,
  o: OrderFacts,
  refund: { amountKes: number; receipt: string | null },
): Rendered {
  const amount = formatKes(refund.amountKes);
  const reference = refund.receipt ?? "reference to follow";
  const url = orderUrl(shop, o);
  return {
    ...render(
      shop,
      `Refund for order ${o.reference}`,
      [
        `${o.customerName}, we sent ${amount} back to your M-Pesa for order ${o.reference}.`,
        `M-Pesa reference: ${reference}.`,
      ],
      { href: url, label: "View your order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: refund of ${amount} for order ${o.reference} sent to your M-Pesa, ref ${reference}. ${url}`,
      `${shop.shopName}: ${amount} refunded for ${o.reference}, M-Pesa ${reference}. ${url}`,
      `${o.reference} refunded ${amount}, M-Pesa ${reference}. ${url}`,
    ]),
  };
}

/** The seller's "new paid order" alert. */
export function sellerNewOrder(shop: Shop, o: OrderFacts): Rendered {
  const amount = formatKes(o.totalKes);
  const url = dashboardUrl(shop, o);
  return {
    ...render(
      shop,
      `New paid order ${o.reference}: ${amount}`,
      [
        `${o.customerName} paid ${amount} by M-Pesa (receipt ${receiptWords(o)}).`,
        ...(o.delivery ? [o.delivery] : []),
        nextSteps(o.method ?? null),
      ],
      { href: url, label: "Open the order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: new paid order ${o.reference}, ${amount} from ${o.customerName}, M-Pesa ${receiptWords(o)}. ${url}`,
      `${shop.shopName}: new paid order ${o.reference}, ${amount}. ${url}`,
      `New paid order ${o.reference}, ${amount}.`,
    ]),
  };
}

/** The seller's alert when money arrived in an unusual way: the reason says what to do. */
export function sellerAttention(shop: Shop, o: OrderFacts, reason: string): Rendered {
  const url = dashboardUrl(shop, o);
  return {
    ...render(
      shop,
      `Order ${o.reference} needs your attention`,
      [reason, "Check the M-Pesa statement, then fulfil the order or refund the customer."],
      { href: url, label: "Open the order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: order ${o.reference} needs attention: ${reason} ${url}`,
      `${shop.shopName}: order ${o.reference} needs attention (unusual payment). Check M-Pesa, then fulfil or refund: ${url}`,
      `Order ${o.reference} needs attention (unusual payment): ${url}`,
    ]),
  };
}

type StockItem = { name: string; stock: number };

/** "Ankara dress, Red / M: 1 left" or "...: sold out". */
const stockLine = (item: StockItem) => `${item.name}: ${item.stock <= 0 ? "sold out" : `${item.stock} left`}`;

/** Lines an email lists; the products page has the rest. */
const SUMMARY_EMAIL_LINES = 100;
/** More than this never fits one SMS segment: no candidate is tried with more. */
const SUMMARY_SMS_LINES = 8;

/** The owner's morning summary of the variants at or below their threshold, in the order given. */
export function stockSummary(shop: Shop, items: StockItem[]): Rendered {
  const url = `${shop.publicUrl}/dashboard/products`;
  const soldOut = items.filter((i) => i.stock <= 0).length;
  const low = items.length - soldOut;
  const counts = [low > 0 ? `${low} low` : "", soldOut > 0 ? `${soldOut} sold out` : ""].filter(Boolean);
  const lines = items.map(stockLine);
  const more = (shown: number) => (items.length > shown ? [`+${items.length - shown} more`] : []);
  const emailLines = lines.slice(0, SUMMARY_EMAIL_LINES);
  // As many lines as fit one segment, with the link when it fits too.
  const smsCandidates = Array.from(
    { length: Math.min(items.length, SUMMARY_SMS_LINES) },
    (_, i) => Math.min(items.length, SUMMARY_SMS_LINES) - i,
  ).flatMap((shown) => {
    const text = `${shop.shopName} stock: ${[...lines.slice(0, shown), ...more(shown)].join("; ")}.`;
    return [`${text} ${url}`, text];
  });
  return {
    ...render(
      shop,
      `Stock this morning: ${counts.join(", ")}`,
      [
        ...emailLines,
        ...(lines.length > emailLines.length ? [`and ${lines.length - emailLines.length} more`] : []),
        "Restock what still sells to keep it in the shop.",
      ],
      { href: url, label: "Products" },
    ),
    sms: fitOneSegment(smsCandidates),
  };
}

/** The owner's "send a test message". */
export function testMessage(shop: Shop): Rendered {
  const url = `${shop.publicUrl}/dashboard/settings/notifications`;
  return {
    ...render(
      shop,
      "Test message",
      ["This is a test of your shop's order alerts. New paid orders will be announced like this."],
      { href: url, label: "Alert settings" },
    ),
    sms: fitOneSegment([`${shop.shopName}: test message. New paid orders will be announced like this.`]),
  };
}

/** A variant fell to its low-stock threshold (or sold out) after a paid order. */
export function lowStock(shop: Shop, item: { name: string; stock: number; productId: string }): Rendered {
  const url = `${shop.publicUrl}/dashboard/products/${item.productId}/edit`;
  const left = item.stock <= 0 ? "is sold out" : `is low: ${item.stock} left`;
  return {
    ...render(shop, `${item.name} ${left}`, [`${item.name} ${left}. Restock it to keep selling.`], {
      href: url,
      label: "Restock",
    }),
    sms: fitOneSegment([
      `${shop.shopName}: ${item.name} ${left}. Restock: ${url}`,
      `${shop.shopName}: ${item.name} ${left}.`,
      `Low stock: ${item.name.slice(0, 80)} ${left}.`,
    ]),
  };
}
