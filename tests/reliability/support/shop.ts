/** Shop-side helpers: products, phones, checkouts and callback POSTs, as a shopper and Daraja would make them. */
import { randomBytes, randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import { startCheckout } from "@/lib/payments/stk/checkout";
import { hashToken } from "@/lib/payments/shared/identifiers";

export async function createProduct({ stock, priceKes }: { stock: number; priceKes: number }) {
  // Parallel scenarios create products at once: an upsert is a read then an insert, and two of them on a
  // fresh database both insert the slug. One statement that tolerates the other's row cannot collide.
  await prisma.$executeRaw`
    INSERT INTO "Category" (id, slug, name, "updatedAt")
    VALUES (${`rel-${randomBytes(6).toString("hex")}`}, 'reliability', 'Reliability suite', now())
    ON CONFLICT (slug) DO NOTHING`;
  const category = await prisma.category.findUniqueOrThrow({ where: { slug: "reliability" } });
  const slug = `rel-${randomBytes(6).toString("hex")}`;
  const product = await prisma.product.create({
    data: {
      slug,
      name: `Item ${slug}`,
      description: "Reliability suite",
      priceKes,
      imageUrl: "/products/test.jpg",
      categoryId: category.id,
      variants: { create: { stock } },
    },
    include: { variants: true },
  });
  return { ...product, variantId: product.variants[0]!.id };
}

let phoneSeq = randomInt(90_000_000);
/** A number no other checkout in this run uses (the emulator refuses a second open prompt per phone). */
export function freshPhone(): string {
  phoneSeq = (phoneSeq + 1) % 100_000_000;
  return `2547${String(phoneSeq).padStart(8, "0")}`;
}

export const COURIER_FEE_KES = 150;

/** A delivery zone with a fee and no free-delivery threshold, so every checkout's total carries a fee. */
async function courierZone() {
  await prisma.deliverySettings.upsert({
    where: { id: 1 },
    update: { freeDeliveryThresholdKes: null },
    create: {
      id: 1,
      pickupAddress: "Reliability shop",
      pickupHours: "Always",
      freeDeliveryThresholdKes: null,
    },
  });
  // Pay on delivery on (no maximum): the storm places some orders to pay at the door.
  const zone = {
    feeKes: COURIER_FEE_KES,
    active: true,
    counties: [],
    payOnDelivery: true,
    payOnDeliveryMaxKes: null,
  };
  return prisma.deliveryZone.upsert({
    where: { name: "Reliability courier" },
    update: zone,
    create: { name: "Reliability courier", etaText: "1 day", ...zone },
  });
}

let courier: Promise<{ id: string }> | undefined;

const variants = new Map<string, Promise<string>>();
/** The variant a suite product sells (createProduct makes one), looked up once per product. */
function variantOf(productId: string) {
  let id = variants.get(productId);
  if (!id) {
    id = prisma.productVariant.findFirstOrThrow({ where: { productId } }).then((v) => v.id);
    variants.set(productId, id);
  }
  return id;
}

/**
 * Checks out one product (or one of its variants) for delivery by courier: the prompt asks for goods plus the
 * delivery fee, less the code's discount when one is given. With `onDelivery` the order is placed to pay at
 * the door: no prompt until the seller sends one.
 */
export async function checkout(
  productId: string,
  phone: string,
  {
    quantity = 1,
    clientIp = null as string | null,
    onDelivery = false,
    code = null as { code: string; version: string } | null,
    /** One variant of a product with options; else the product's only variant. */
    variantId = null as string | null,
  } = {},
) {
  courier ??= courierZone();
  const zone = await courier;
  return startCheckout({
    lines: [{ variantId: variantId ?? (await variantOf(productId)), quantity }],
    customerName: "Wanjiru Reliability",
    phone,
    delivery: {
      key: zone.id,
      seenFeeKes: COURIER_FEE_KES,
      county: "Nakuru",
      town: "Naivasha",
      landmark: "Opposite the stage",
    },
    clientIp,
    checkoutKey: randomBytes(12).toString("hex"),
    paymentMethod: onDelivery ? "ON_DELIVERY" : "MPESA_NOW",
    // A code the shopper applied (and saw priced) before paying.
    ...(code ? { discountCode: code.code, discountSeen: code.version } : {}),
  });
}

/** A product in two colours and two sizes, each combination its own variant with its own stock. */
export async function createDress({ stock, priceKes }: { stock: Record<string, number>; priceKes: number }) {
  const base = await createProduct({ stock: 0, priceKes });
  const combos = ["Red", "Blue"].flatMap((colour) => ["M", "L"].map((size) => [colour, size]));
  await prisma.$transaction([
    prisma.productVariant.deleteMany({ where: { productId: base.id } }),
    prisma.productOption.createMany({
      data: [
        { productId: base.id, name: "Colour", values: ["Red", "Blue"], position: 0 },
        { productId: base.id, name: "Size", values: ["M", "L"], position: 1 },
      ],
    }),
    prisma.productVariant.createMany({
      data: combos.map((values, position) => ({
        productId: base.id,
        title: values.join(" / "),
        optionValues: values,
        position,
        stock: stock[values.join(" / ")] ?? 0,
      })),
    }),
  ]);
  const variants = await prisma.productVariant.findMany({ where: { productId: base.id } });
  return { id: base.id, variant: (title: string) => variants.find((v) => v.title === title)! };
}

export const tokenOfUrl = (callbackUrl: string) => callbackUrl.slice(callbackUrl.lastIndexOf("/") + 1);

/** The attempt a CallBackURL belongs to (only the token's hash is stored). */
export async function attemptsByToken(tokens: string[]) {
  const attempts = await prisma.paymentAttempt.findMany({
    where: { callbackToken: { in: tokens.map(hashToken) } },
    include: { order: true },
  });
  const byHash = new Map(attempts.map((a) => [a.callbackToken, a]));
  return new Map(tokens.map((t) => [t, byHash.get(hashToken(t))]));
}

export type PostResult = { status: number; error?: string };

/** POSTs a body to our callback URL as Daraja does; status 0 when the connection failed. */
export async function postCallback(
  appUrl: string,
  token: string,
  body: string | Uint8Array,
  contentType = "application/json",
): Promise<PostResult> {
  try {
    const response = await fetch(`${appUrl}/api/payments/callback/${token}`, {
      method: "POST",
      headers: { "content-type": contentType, Businessshortcode: "174379" },
      body: body as BodyInit,
    });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (e) {
    return {
      status: 0,
      error: e instanceof Error ? `${e.message}${e.cause ? `: ${String(e.cause)}` : ""}` : String(e),
    };
  }
}

/** Runs fn over items with at most `limit` in flight, results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check returns something truthy. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Callbacks are applied after their acknowledgement (lib/payments/stk/apply-after-ack.ts): waits until every
 * one received since `since` has its verdict, giving up once nothing has moved for a minute (the checks that
 * follow then report what is left).
 */
export async function callbacksApplied(since: Date): Promise<void> {
  const waiting = () =>
    prisma.callbackEvent.count({ where: { receivedAt: { gte: since }, verdict: "RECEIVED" } });
  let last = -1;
  let movedAt = Date.now();
  for (let left = await waiting(); left > 0; left = await waiting()) {
    if (left !== last) [last, movedAt] = [left, Date.now()];
    if (Date.now() - movedAt > 60_000) return;
    await sleep(100);
  }
}
