import "server-only";
import { prisma, type Tx } from "@/lib/db";
import type { CartLine } from "@/lib/cart/cart-lines";
import { priceCart } from "@/lib/cart/price-cart";
import { findCatalogVariants } from "@/lib/cart/queries";
import { AMOUNT_MAX, AMOUNT_MIN, isValidAmount } from "@/lib/daraja";
import { type DeliveryChoice, quoteDelivery } from "@/lib/delivery/pricing";
import { loadDeliveryConfig } from "@/lib/delivery/queries";
import { codeVersion } from "@/lib/discounts/codes";
import { priceOrderLines } from "@/lib/discounts/price-order";
import { formatKes } from "@/lib/format";
import type { OrderPrice } from "@/lib/pricing/price-lines";
import { payments, secondsAfter } from "../shared/context";
import { isUniqueViolation } from "../shared/db-errors";
import { hashToken, newCallbackToken, newOrderReference, newPublicId } from "../shared/identifiers";
import { logPaymentEvent } from "../shared/payment-log";
import { sendPrompt } from "./prompt";
import { numbersRefusal, openOrdersRefusal, quantityRefusal, unitsRefusal } from "./hoarding";
import { recordAttemptOpened } from "../core/state-machine";
import { recordOrderEvent } from "../core/events";
import { minutesUntilReleased } from "../core/stock";
import { consumeLimit, ipLimitKey, promptLimitRefusal } from "../shared/rate-limits";
import { takeLines } from "../core/stock";
import { payOnDeliveryRefusalFor, podHoldUntil } from "../on-delivery/limits";
import { enqueueOrderNotifications } from "@/lib/notifications/enqueue";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";

export type CheckoutInput = {
  lines: CartLine[];
  customerName: string;
  /** Normalized MSISDN (lib/daraja normalizePhone). */
  phone: string;
  email?: string;
  /** The delivery option picked, with the fee the shopper saw for it. */
  delivery: DeliveryChoice;
  clientIp: string | null;
  /** Idempotency key from the form: a resubmit finds the first order instead of prompting twice. */
  checkoutKey: string;
  /** A discount code as typed, and the version of it the shopper saw priced (lib/discounts codeVersion). */
  discountCode?: string;
  discountSeen?: string;
  /** ON_DELIVERY: no prompt now; the seller sends one at the door (or takes cash). */
  paymentMethod?: PaymentMethod;
  /** A seller's payment link: its lines and delivery fee, priced when it was made, replace the cart's. */
  link?: LinkOrder;
};

/** An order line as the order keeps it; no product (and no variant) for a seller's custom line. */
export type OrderLine = {
  productId: string | null;
  variantId: string | null;
  /** "Ankara dress, Red / M". */
  name: string;
  /** "Red / M"; empty for a product without options or a custom line. */
  variantTitle: string;
  sku: string | null;
  unitPriceKes: number;
  quantity: number;
};

export type LinkOrder = { id: string; lines: OrderLine[]; deliveryFeeKes: number };

export type CheckoutResult =
  | { ok: true; publicId: string }
  | {
      ok: false;
      reason: Reason | "empty";
      message: string;
      /** Set when the code changed since the shopper saw it: the version to show the new total with. */
      discountVersion?: string;
      /** The number had its share of M-Pesa prompts (not the network's checkouts): pay another way. */
      promptLimit?: boolean;
    };

type Reason =
  | "cart_changed"
  | "delivery"
  | "rate_limited"
  | "amount"
  | "quantity"
  | "pay_on_delivery"
  | "link_used"
  | "discount";

class CheckoutRefused extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
    readonly detail: { discountVersion?: string; promptLimit?: boolean } = {},
  ) {
    super(message);
  }
}

export async function startCheckout(input: CheckoutInput): Promise<CheckoutResult> {
  const existing = await prisma.order.findUnique({
    where: { checkoutKey: input.checkoutKey },
    select: { publicId: true },
  });
  if (existing) return { ok: true, publicId: existing.publicId };
  if (input.lines.length === 0 && !input.link)
    return { ok: false, reason: "empty", message: "Your cart is empty." };

  try {
    const created = await createPendingOrder(input);
    logPaymentEvent({
      event: "order.created",
      order: created.reference,
      attempt: created.attempt?.id,
      transition: "->PENDING",
      phone: input.phone,
    });
    if (created.attempt) await sendPrompt(created.attempt, created.token, created.reference);
    return { ok: true, publicId: created.publicId };
  } catch (e) {
    if (e instanceof CheckoutRefused)
      return (
        (await placedBefore(input.checkoutKey)) ?? {
          ok: false,
          reason: e.reason,
          message: e.message,
          ...e.detail,
        }
      );
    if (isUniqueViolation(e, "checkoutKey")) {
      const first = await prisma.order.findUniqueOrThrow({ where: { checkoutKey: input.checkoutKey } });
      return { ok: true, publicId: first.publicId };
    }
    throw e;
  }
}

// A flash sale queues many checkouts on one product row and on the pool: a shopper who waits a few seconds
// for a connection gets an answer, where Prisma's 2 s default would fail the checkout outright.
const CHECKOUT_TX = { maxWait: 10_000, timeout: 15_000 };

/**
 * One transaction: count the abuse limits, re-read prices, reserve stock, create the PENDING order and its
 * first attempt. A refusal rolls it all back, limits included, so a shopper is only counted for prompts sent.
 */
async function createPendingOrder(input: CheckoutInput) {
  const ctx = payments();
  const token = newCallbackToken();
  // Read before the transaction, which stays short: the fee the shopper saw is what is checked against it.
  const deliveryConfig = await loadDeliveryConfig();
  const now = ctx.now();
  const onDelivery = input.paymentMethod === "ON_DELIVERY";
  const order = await prisma.$transaction(async (tx) => {
    if (input.clientIp && !(await consumeLimit(tx, ipLimitKey(input.clientIp), ctx.checkoutsPerIp))) {
      throw new CheckoutRefused(
        "rate_limited",
        "Too many checkouts from your network. Please wait a few minutes and try again.",
      );
    }
    const promptLimit = onDelivery
      ? null
      : await promptLimitRefusal(tx, input.phone, ctx.promptsPerPhone, now);
    if (promptLimit) throw new CheckoutRefused("rate_limited", promptLimit, { promptLimit: true });
    const goods = input.link ? await claimLink(tx, input.link) : await priceCartLines(tx, input.lines);
    const hoarding =
      (await openOrdersRefusal(tx, input.phone, input.clientIp)) ??
      (input.clientIp ? await clientRefusal(tx, input.clientIp, input.phone, goods.lines) : null);
    if (hoarding) throw new CheckoutRefused("rate_limited", hoarding);
    const delivery = quoteDelivery(deliveryConfig, goods.subtotalKes, input.delivery);
    if (!delivery.ok) throw new CheckoutRefused("delivery", delivery.message);
    const { feeKes: quotedFeeKes, ...snapshot } = delivery.snapshot;
    // A link's fee is the one the seller agreed in the chat.
    const feeKes = input.link ? input.link.deliveryFeeKes : quotedFeeKes;
    if (!isValidAmount(goods.subtotalKes + feeKes) && !input.discountCode) throw amountRefused();
    const taken = await takeLines(
      tx,
      goods.lines.flatMap((l) => (l.variantId ? [{ variantId: l.variantId, quantity: l.quantity }] : [])),
    );
    if (!taken.ok) {
      const name = goods.lines.find((l) => l.variantId === taken.variantId)?.name ?? "An item";
      const minutes = await minutesUntilReleased(tx, taken.variantId);
      throw new CheckoutRefused(
        "cart_changed",
        minutes === null ? `${name} just sold out. Please review your cart.` : reservedMessage(name, minutes),
      );
    }
    // Priced again here, the code's row locked after the stock (payments lock variants before codes too).
    // A payment link's price was agreed in the chat: no code applies to it.
    const priced = goods.cart
      ? await priceOrderLines(
          goods.cart,
          feeKes,
          { code: input.discountCode, phone: input.phone },
          { db: tx, now, lock: true },
        )
      : ({ ok: true, price: linkPrice(goods.subtotalKes, feeKes), code: null } as const);
    if (!priced.ok) throw new CheckoutRefused("discount", priced.refusal.message);
    const { price, code } = priced;
    if (code && input.discountSeen !== codeVersion(code)) {
      throw new CheckoutRefused(
        "discount",
        input.discountSeen
          ? `The code ${code.code} changed since you applied it: check the new total, then pay.`
          : `Check the total with the code ${code.code}, then pay.`,
        { discountVersion: codeVersion(code) },
      );
    }
    const totalKes = price.totalKes;
    if (!isValidAmount(totalKes)) throw amountRefused();
    if (onDelivery) {
      const refusal = await payOnDeliveryRefusalFor(tx, {
        phone: input.phone,
        clientIp: input.clientIp,
        option: delivery.payOnDelivery,
        totalKes,
      });
      if (refusal) throw new CheckoutRefused("pay_on_delivery", refusal);
    }
    const created = await tx.order.create({
      data: {
        publicId: newPublicId(),
        reference: await unusedReference(tx),
        checkoutKey: input.checkoutKey,
        customerName: input.customerName,
        phone: input.phone,
        email: input.email,
        clientIp: input.clientIp,
        totalKes,
        deliveryFeeKes: feeKes,
        ...(code && price.discount
          ? {
              discountCodeId: code.id,
              discountCode: code.code,
              discountKind: code.kind,
              discountKes: price.discount.amountKes,
            }
          : {}),
        delivery: { create: snapshot },
        reservedUntil: onDelivery ? podHoldUntil(now) : secondsAfter(now, ctx.reservationMinutes * 60),
        paymentMethod: input.paymentMethod,
        paymentLinkId: input.link?.id,
        createdAt: now,
        items: { create: goods.lines },
        // Paid at the door: no attempt until the seller sends the prompt there.
        attempts: onDelivery
          ? undefined
          : {
              create: {
                phone: input.phone,
                amountKes: totalKes,
                callbackToken: hashToken(token),
                createdAt: now,
              },
            },
      },
      include: { attempts: true },
    });
    if (onDelivery) {
      await enqueueOrderNotifications(tx, { orderId: created.id, event: "placed" });
      await recordOrderEvent(tx, {
        orderId: created.id,
        kind: "SELLER_ACTION",
        actor: "shopper",
        at: now,
        note: "Placed to pay on delivery",
      });
    } else await recordAttemptOpened(tx, created.attempts[0]!, now, "shopper");
    return created;
  }, CHECKOUT_TX);
  return { publicId: order.publicId, reference: order.reference, attempt: order.attempts[0], token };
}

/** The cart re-priced from the catalogue inside the transaction: any change since it was shown refuses. */
async function priceCartLines(tx: Tx, lines: CartLine[]) {
  const variants = await findCatalogVariants(
    lines.map((l) => l.variantId),
    tx,
  );
  const cart = priceCart(lines, variants);
  if (cart.notices.length > 0 || cart.lines.length === 0) {
    const short = variants.find((v) => v.stock < (lines.find((l) => l.variantId === v.id)?.quantity ?? 0));
    const minutes = short ? await minutesUntilReleased(tx, short.id) : null;
    throw new CheckoutRefused(
      "cart_changed",
      short && minutes !== null
        ? reservedMessage(short.name, minutes)
        : (cart.notices[0] ?? "Your cart is empty."),
    );
  }
  const tooMany = quantityRefusal(
    cart.lines.map((l) => ({ variantId: l.variant.id, quantity: l.quantity, name: l.variant.name })),
  );
  if (tooMany) throw new CheckoutRefused("quantity", tooMany);
  const orderLines: OrderLine[] = cart.lines.map((l) => ({
    productId: l.variant.productId,
    variantId: l.variant.id,
    name: l.variant.name,
    variantTitle: l.variant.title,
    sku: l.variant.sku,
    unitPriceKes: l.variant.priceKes,
    quantity: l.quantity,
  }));
  return { lines: orderLines, subtotalKes: cart.subtotalKes, cart };
}

const linkPrice = (subtotalKes: number, deliveryFeeKes: number): OrderPrice => ({
  subtotalKes,
  deliveryFeeKes,
  discount: null,
  totalKes: subtotalKes + deliveryFeeKes,
});

/**
 * A payment link makes one live order at a time and is paid once: its row is locked, and an open or paid
 * order already made from it refuses another (the caller then sends the shopper to that order).
 */
async function claimLink(tx: Tx, link: LinkOrder) {
  await tx.$queryRaw`SELECT id FROM "PaymentLink" WHERE id = ${link.id} FOR UPDATE`;
  const live = await tx.order.count({
    where: { paymentLinkId: link.id, status: { in: ["PENDING", "FAILED", "PAID"] } },
  });
  if (live > 0) throw new CheckoutRefused("link_used", "This link already has an order.");
  return {
    lines: link.lines,
    subtotalKes: link.lines.reduce((sum, l) => sum + l.unitPriceKes * l.quantity, 0),
    cart: null,
  };
}

async function clientRefusal(tx: Tx, clientIp: string, phone: string, lines: { quantity: number }[]) {
  const units = lines.reduce((sum, l) => sum + l.quantity, 0);
  return (await numbersRefusal(tx, clientIp, phone)) ?? (await unitsRefusal(tx, clientIp, units));
}

const amountRefused = () =>
  new CheckoutRefused(
    "amount",
    `M-Pesa takes payments from ${formatKes(AMOUNT_MIN)} to ${formatKes(AMOUNT_MAX)}, delivery included: please change your cart.`,
  );

const reservedMessage = (name: string, minutes: number) =>
  `${name} is reserved by other shoppers: check back in ${minutes} minute${minutes === 1 ? "" : "s"}.`;

/**
 * A double submit runs two checkouts with one key at once. The second is refused (sold out, rate limited)
 * only after waiting on the first's rows, that is once the first committed: its order is the answer.
 */
async function placedBefore(checkoutKey: string): Promise<CheckoutResult | null> {
  const first = await prisma.order.findUnique({ where: { checkoutKey }, select: { publicId: true } });
  return first ? { ok: true, publicId: first.publicId } : null;
}

/** Six characters are short enough to read out over the phone, so they can repeat an older order's. */
async function unusedReference(tx: Tx): Promise<string> {
  for (let draws = 1; ; draws++) {
    const reference = newOrderReference();
    if (draws === 5 || (await tx.order.count({ where: { reference } })) === 0) return reference;
  }
}
