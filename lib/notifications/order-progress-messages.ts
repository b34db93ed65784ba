import { formatKes } from "@/lib/format";
import { type OrderFacts, type Rendered, type Shop, dashboardUrl, orderUrl, render } from "./messages";
import { fitOneSegment } from "./sms-text";

/** A pay-on-delivery order, as the shopper hears of it: nothing paid yet, what to have ready. */
export function orderPlacedOnDelivery(shop: Shop, o: OrderFacts): Rendered {
  const amount = formatKes(o.totalKes);
  const url = orderUrl(shop, o);
  return {
    ...render(
      shop,
      `Order ${o.reference} is placed`,
      [
        `Thank you, ${o.customerName}. Your order ${o.reference} is placed: pay ${amount} when you get it, by M-Pesa or cash.`,
        ...(o.delivery ? [o.delivery] : []),
      ],
      { href: url, label: "View your order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: order ${o.reference} placed. Pay ${amount} on delivery by M-Pesa or cash. Track: ${url}`,
      `${shop.shopName}: order ${o.reference} placed, pay ${amount} on delivery. ${url}`,
      `Order ${o.reference} placed, pay ${amount} on delivery. ${url}`,
    ]),
  };
}

/** The seller's alert for a pay-on-delivery order: money to collect, not money received. */
export function sellerNewOrderOnDelivery(shop: Shop, o: OrderFacts): Rendered {
  const amount = formatKes(o.totalKes);
  const url = dashboardUrl(shop, o);
  return {
    ...render(
      shop,
      `New pay-on-delivery order ${o.reference}: ${amount} to collect`,
      [
        `${o.customerName} ordered for ${amount}, to be paid on delivery.`,
        ...(o.delivery ? [o.delivery] : []),
        'At the door, open the order and tap "Send M-Pesa prompt", or record cash.',
      ],
      { href: url, label: "Open the order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: new pay-on-delivery order ${o.reference}, ${amount} to collect from ${o.customerName}. ${url}`,
      `${shop.shopName}: new pay-on-delivery order ${o.reference}, ${amount} to collect. ${url}`,
      `New pay-on-delivery order ${o.reference}, ${amount}.`,
    ]),
  };
}

/** On its way: the rider's number when the seller typed one, and the amount due when unpaid. */
export function orderDispatched(
  shop: Shop,
  o: OrderFacts,
  extra: { riderPhone: string | null; dueKes: number },
): Rendered {
  const url = orderUrl(shop, o);
  const rider = extra.riderPhone ? ` Rider: 0${extra.riderPhone.slice(3)}.` : "";
  const due = extra.dueKes > 0 ? ` Pay ${formatKes(extra.dueKes)} on delivery.` : "";
  return {
    ...render(
      shop,
      `Order ${o.reference} is on its way`,
      [`Your order ${o.reference} has left the shop.${rider}${due}`, ...(o.delivery ? [o.delivery] : [])],
      { href: url, label: "Track your order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: order ${o.reference} is on its way.${rider}${due} Track: ${url}`,
      `${shop.shopName}: order ${o.reference} on its way.${rider}${due} ${url}`,
      `Order ${o.reference} on its way.${rider}${due}`,
    ]),
  };
}

/** Ready at the shop's counter: where and when, and the amount due when unpaid. */
export function orderReadyForPickup(
  shop: Shop,
  o: OrderFacts,
  extra: { place: string; dueKes: number },
): Rendered {
  const url = orderUrl(shop, o);
  const due = extra.dueKes > 0 ? ` Pay ${formatKes(extra.dueKes)} when you collect.` : "";
  return {
    ...render(
      shop,
      `Order ${o.reference} is ready for pickup`,
      [`Your order ${o.reference} is ready for pickup at ${extra.place}.${due}`],
      { href: url, label: "View your order" },
    ),
    sms: fitOneSegment([
      `${shop.shopName}: order ${o.reference} is ready for pickup at ${extra.place}.${due} ${url}`,
      `${shop.shopName}: order ${o.reference} is ready for pickup.${due} ${url}`,
      `Order ${o.reference} is ready for pickup.${due}`,
    ]),
  };
}
