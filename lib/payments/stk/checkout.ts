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
import { payments, secondsAfter } from "../shared/context";
import { isUniqueViolation } from "../shared/db-errors";
import { hashToken, newCallbackToken, newOrderReference, newPublicId } from "../shared/identifiers";
import { logPaymentEvent } from "../shared/payment-log";
import { sendPrompt } from "./prompt";
import { openOrdersRefusal, quantityRefusal } from "./hoarding";
import { recordAttemptOpened } from "../core/state-machine";
import { minutesUntilReleased } from "../core/stock";
import { consumeLimit, ipLimitKey, phoneLimitKey } from "../shared/rate-limits";
import { takeLines } from "../core/stock";

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
};

export type CheckoutResult =
  | { ok: true; publicId: string }
  | {
      ok: false;
      reason: "cart_changed" | "delivery" | "rate_limited" | "amount" | "empty" | "quantity" | "discount";
      message: string;
      /** Set when the code changed since the shopper saw it: the version to show the new total with. */
      discountVersion?: string;
    };

class CheckoutRefused extends Error {
  constructor(
    readonly reason: "cart_changed" | "delivery" | "rate_limited" | "amount" | "quantity" | "discount",
    message: string,
    readonly discountVersion?: string,
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
  if (input.lines.length === 0) return { ok: false, reason: "empty", message: "Your cart is empty." };

  try {
    const created = await createPendingOrder(input);
    logPaymentEvent({
      event: "order.created",
      order: created.reference,
      attempt: created.attempt.id,
      transition: "->PENDING",
      phone: input.phone,
    });
    await sendPrompt(created.attempt, created.token, created.reference);
    return { ok: true, publicId: created.publicId };
  } catch (e) {
    if (e instanceof CheckoutRefused)
      return (
        (await placedBefore(input.checkoutKey)) ?? {
          ok: false,
          reason: e.reason,
          message: e.message,
          ...(e.discountVersion ? { discountVersion: e.discountVersion } : {}),
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
  const order = await prisma.$transaction(async (tx) => {
    if (input.clientIp && !(await consumeLimit(tx, ipLimitKey(input.clientIp), ctx.checkoutsPerIp))) {
      throw new CheckoutRefused(
        "rate_limited",
        "Too many checkouts from your network. Please wait a few minutes and try again.",
      );
    }
    if (!(await consumeLimit(tx, phoneLimitKey(input.phone), ctx.promptsPerPhone))) {
      throw new CheckoutRefused(
        "rate_limited",
        `Too many M-Pesa prompts to this number. Please wait ${ctx.limitWindowMinutes} minutes and try again.`,
      );
    }
    const variants = await findCatalogVariants(
      input.lines.map((l) => l.variantId),
      tx,
    );
    const cart = priceCart(input.lines, variants);
    if (cart.notices.length > 0 || cart.lines.length === 0) {
      const short = variants.find(
        (v) => v.stock < (input.lines.find((l) => l.variantId === v.id)?.quantity ?? 0),
      );
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
    const hoarding = await openOrdersRefusal(tx, input.phone, input.clientIp);
    if (hoarding) throw new CheckoutRefused("rate_limited", hoarding);
    const delivery = quoteDelivery(deliveryConfig, cart.subtotalKes, input.delivery);
    if (!delivery.ok) throw new CheckoutRefused("delivery", delivery.message);
    const { feeKes, ...snapshot } = delivery.snapshot;
    if (!isValidAmount(cart.subtotalKes + feeKes) && !input.discountCode) throw amountRefused();
    const taken = await takeLines(
      tx,
      cart.lines.map((l) => ({ variantId: l.variant.id, quantity: l.quantity })),
    );
    if (!taken.ok) {
      const name = cart.lines.find((l) => l.variant.id === taken.variantId)?.variant.name ?? "An item";
      const minutes = await minutesUntilReleased(tx, taken.variantId);
      throw new CheckoutRefused(
        "cart_changed",
        minutes === null ? `${name} just sold out. Please review your cart.` : reservedMessage(name, minutes),
      );
    }
    // Priced again here, the code's row locked after the stock (payments lock variants before codes too).
    const priced = await priceOrderLines(
      cart,
      feeKes,
      { code: input.discountCode, phone: input.phone },
      { db: tx, now, lock: true },
    );
    if (!priced.ok) throw new CheckoutRefused("discount", priced.refusal.message);
    const { price, code } = priced;
    if (code && input.discountSeen !== codeVersion(code)) {
      throw new CheckoutRefused(
        "discount",
        `The code ${code.code} changed since you applied it: check the new total, then pay.`,
        codeVersion(code),
      );
    }
    const totalKes = price.totalKes;
    if (!isValidAmount(totalKes)) throw amountRefused();
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
        reservedUntil: secondsAfter(now, ctx.reservationMinutes * 60),
        createdAt: now,
        items: {
          create: cart.lines.map((l) => ({
            productId: l.variant.productId,
            variantId: l.variant.id,
            name: l.variant.name,
            variantTitle: l.variant.title,
            sku: l.variant.sku,
            unitPriceKes: l.variant.priceKes,
            quantity: l.quantity,
          })),
        },
        attempts: {
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
    await recordAttemptOpened(tx, created.attempts[0]!, now, "shopper");
    return created;
  }, CHECKOUT_TX);
  return { publicId: order.publicId, reference: order.reference, attempt: order.attempts[0]!, token };
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
