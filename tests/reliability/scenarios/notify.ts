/**
 * Notify: paid orders with a fifth of SMS and SMTP calls failing, and the app killed with SIGKILL once while it
 * is draining the outbox. Every paid order must end with its messages delivered (shopper SMS, seller SMS and
 * email). Duplicates are counted: the only acceptable ones are sends in flight at the kill.
 */
import { prisma } from "@/lib/db";
import type { Stack } from "../support/stack";
import { checkout, createProduct, freshPhone, mapLimit, sleep } from "../support/shop";
import { Tally } from "../support/tally";

const SELLER = { phone: "+254700000777", email: "alerts@reliability.test" };

export async function notify(stack: Stack, count: number, cron: () => Promise<void>) {
  const tally = new Tally("notify");
  const { control, inbox } = stack.emulator;
  inbox.clear();
  await prisma.notificationSettings.upsert({
    where: { id: "shop" },
    update: { alertPhones: [SELLER.phone], alertEmails: [SELLER.email] },
    create: { alertPhones: [SELLER.phone], alertEmails: [SELLER.email] },
  });
  inbox.addFault({ target: "sms", kind: "error", probability: 0.2 });
  inbox.addFault({ target: "email", kind: "error", probability: 0.2 });

  const product = await createProduct({ stock: 1_000_000, priceKes: 410 });
  const phones = Array.from({ length: count }, freshPhone);
  const results = await mapLimit(phones, 8, (phone) => checkout(product.id, phone));
  tally.invariant(
    results.every((r) => r.ok),
    `${results.filter((r) => !r.ok).length} checkouts refused`,
  );
  const phoneSet = new Set(phones);
  const prompts = control.ledger().entries.filter((e) => phoneSet.has(e.phone));

  let inFlightAtKill = 0;
  let killed = false;
  await mapLimit(prompts, 8, async (prompt, i) => {
    // Mid-drain: after half the callbacks, once the app has been sending for a while.
    if (i === Math.floor(prompts.length / 2) && !killed) {
      killed = true;
      stack.app.kill9();
      // Counted after the kill, not before: the app claims more rows between a count and the signal. Only
      // the app drains, so what is SENDING once it is dead (and its last statements landed) was in flight.
      await sleep(1000);
      inFlightAtKill = await prisma.notification.count({ where: { status: "SENDING" } });
      tally.note(`kill -9 after ${i} of ${prompts.length} payments, ${inFlightAtKill} sends in flight`);
      await stack.app.start();
      tally.note("app restarted");
    }
    return control.pay(prompt.checkoutRequestId);
  });

  // Callbacks lost to the kill are settled by STK query after 60 s; the cron route also sweeps the outbox.
  const deadline = Date.now() + 6 * 60_000;
  await sleep(61_000);
  while (Date.now() < deadline) {
    await cron();
    const open = await prisma.notification.count({
      where: { status: { in: ["QUEUED", "SENDING"] }, orderId: { in: await orderIds(phones) } },
    });
    if (open === 0) break;
    await sleep(2000);
  }
  inbox.clearFaults();
  return check(tally, stack, phones, inFlightAtKill);
}

async function orderIds(phones: string[]) {
  const orders = await prisma.order.findMany({ where: { phone: { in: phones } }, select: { id: true } });
  return orders.map((o) => o.id);
}

async function check(tally: Tally, stack: Stack, phones: string[], inFlightAtKill: number) {
  const orders = await prisma.order.findMany({ where: { phone: { in: phones } } });
  const received = new Map<string, number>();
  for (const m of stack.emulator.inbox.list()) {
    const key = `${m.to}|${m.text}`;
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  const texts = [...received.keys()];
  const has = (to: string, reference: string) =>
    texts.some((k) => k.startsWith(`${to}|`) && k.includes(reference));
  let paid = 0;
  for (const order of orders) {
    if (order.status !== "PAID") {
      tally.unit([`${order.reference}: ${order.status}, not paid`]);
      continue;
    }
    paid++;
    tally.unit([
      !has(`+${order.phone}`, order.reference) && `${order.reference}: shopper SMS not delivered`,
      !has(SELLER.phone, order.reference) && `${order.reference}: seller SMS not delivered`,
      !has(SELLER.email, order.reference) && `${order.reference}: seller email not delivered`,
    ]);
  }
  const failed = await prisma.notification.count({
    where: { status: "FAILED", orderId: { in: orders.map((o) => o.id) } },
  });
  const duplicates = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
  tally.note(
    `${paid} paid orders, ${stack.emulator.inbox.list().length} messages received, ${failed} given up, ${duplicates} duplicates (${inFlightAtKill} sends were in flight at the kill)`,
  );
  tally.invariant(
    duplicates <= inFlightAtKill,
    `${duplicates} duplicates, more than the ${inFlightAtKill} sends in flight at the kill`,
  );
  return tally;
}
