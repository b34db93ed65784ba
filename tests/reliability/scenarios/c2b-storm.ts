/**
 * C2B storm: Pay Bill confirmations for many orders (full, part + rest, over, twice, unmatched), every body
 * delivered three times, shuffled, 32 at a time, straight to the app's confirmation URL as M-Pesa would.
 */
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { openFlags } from "@/lib/payments/core/flags";
import { env } from "@/lib/env";
import { registerC2bUrls } from "@/lib/payments/c2b/registration";
import type { Stack } from "../support/stack";
import { checkout, createProduct, freshPhone, mapLimit, shuffle } from "../support/shop";
import { Tally } from "../support/tally";
import { rowsInSlices } from "../../support/id-chunks";

const PLANS = [
  [0.5, "full"],
  [0.65, "part"],
  [0.75, "over"],
  [0.85, "twice"],
  [1, "unmatched"],
] as const;
type Plan = (typeof PLANS)[number][1];

type Confirmation = { transId: string; reference: string | null; amount: number; body: string };

function confirmation(account: string, amount: number): Omit<Confirmation, "reference"> {
  const transId = `S${randomBytes(5).toString("hex").toUpperCase().slice(0, 9)}`;
  const body = {
    TransactionType: "Pay Bill",
    TransID: transId,
    TransTime: "20261129104512",
    TransAmount: `${amount}.00`,
    BusinessShortCode: env.mpesa.shortcode,
    BillRefNumber: account,
    InvoiceNumber: "",
    OrgAccountBalance: "1000.00",
    ThirdPartyTransID: "",
    MSISDN: "2547 ***** 149",
    FirstName: "JOHN",
    MiddleName: "",
    LastName: "",
  };
  return { transId, amount, body: JSON.stringify(body) };
}

function paymentsFor(plan: Plan, reference: string, total: number): Confirmation[] {
  const typed = Math.random() < 0.5 ? reference : `dk ${reference.slice(3).toLowerCase()}`;
  const on = (amount: number) => ({ ...confirmation(typed, amount), reference });
  if (plan === "full") return [on(total)];
  if (plan === "part") return [on(Math.floor(total / 3)), on(total - Math.floor(total / 3))];
  if (plan === "over") return [on(total + 50)];
  if (plan === "twice") return [on(total), on(total)];
  return [{ ...confirmation(`order ${randomBytes(3).toString("hex")}`, total), reference: null }];
}

export async function c2bStorm(stack: Stack, count: number): Promise<Tally> {
  const tally = new Tally("c2b");
  const registered = await registerC2bUrls("reliability suite");
  tally.invariant(registered.ok, `C2B URLs not registered: ${registered.message}`);
  const url = stack.emulator.control
    .c2bRegistrations()
    .find((r) => r.shortcode === env.mpesa.shortcode)?.confirmationUrl;
  if (!url) return tally;

  const product = await createProduct({ stock: 100_000_000, priceKes: 1250 });
  const checkouts = await mapLimit(Array.from({ length: count }, freshPhone), 16, (phone) =>
    checkout(product.id, phone),
  );
  const publicIds = checkouts.flatMap((c) => (c.ok ? [c.publicId] : []));
  const orders = await prisma.order.findMany({ where: { publicId: { in: publicIds } } });
  const plans = new Map(orders.map((o) => [o.id, PLANS.find(([upTo]) => Math.random() < upTo)![1]]));
  const sent = orders.flatMap((o) => paymentsFor(plans.get(o.id)!, o.reference, o.totalKes));

  const posts = shuffle(sent.flatMap((c) => [c, c, c]));
  const t0 = Date.now();
  const statuses = await mapLimit(posts, 32, async (c) => {
    try {
      const response = await fetch(url, { method: "POST", body: c.body });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  });
  tally.note(
    `${posts.length} confirmation POSTs in ${((Date.now() - t0) / 1000).toFixed(1)} s (32 concurrent)`,
  );
  const failed = statuses.filter((s) => s !== 200).length;
  tally.invariant(failed === 0, `${failed} confirmation POSTs not answered 200`);

  await checkOrders(tally, orders, plans, sent);
  return tally;
}

async function checkOrders(
  tally: Tally,
  orders: { id: string; reference: string; totalKes: number }[],
  plans: Map<string, Plan>,
  sent: Confirmation[],
) {
  const transIds = sent.map((c) => c.transId);
  const payments = await prisma.c2bPayment.findMany({ where: { transId: { in: transIds } } });
  const events = await rowsInSlices(transIds, (slice) =>
    prisma.c2bEvent.groupBy({
      by: ["transId", "verdict"],
      where: { transId: { in: slice } },
      _count: { _all: true },
    }),
  );
  const applied = (transId: string) =>
    events
      .filter((e) => e.transId === transId && e.verdict === "APPLIED")
      .reduce((n, e) => n + e._count._all, 0);
  for (const c of sent)
    tally.unit([applied(c.transId) !== 1 && `${c.transId}: applied ${applied(c.transId)} times`]);

  const fresh = new Map(
    (await prisma.order.findMany({ where: { id: { in: orders.map((o) => o.id) } } })).map((o) => [o.id, o]),
  );
  for (const { id, reference } of orders) {
    const order = fresh.get(id)!;
    const plan = plans.get(id)!;
    const onOrder = payments.filter((p) => p.orderId === id).reduce((s, p) => s + p.amountKes, 0);
    const expectPaid = plan !== "unmatched";
    tally.unit([
      (order.status === "PAID") !== expectPaid && `${reference} (${plan}): ${order.status}`,
      expectPaid && onOrder < order.totalKes && `${reference}: paid with KES ${onOrder} of ${order.totalKes}`,
      (plan === "over" || plan === "twice") && !order.needsAttention && `${reference} (${plan}): not flagged`,
      plan === "full" &&
        order.needsAttention &&
        `${reference}: flagged: ${(await openFlags(prisma, order.id)).map((f) => f.note).join(" | ")}`,
    ]);
  }
  const sentTotal = sent.reduce((s, c) => s + c.amount, 0);
  const sum = (status: string) =>
    payments.filter((p) => p.status === status).reduce((s, p) => s + p.amountKes, 0);
  tally.invariant(
    payments.length === sent.length,
    `${payments.length} payments recorded, ${sent.length} sent`,
  );
  tally.invariant(
    sum("APPLIED") + sum("UNMATCHED") === sentTotal,
    `KES ${sum("APPLIED")} on orders + ${sum("UNMATCHED")} unmatched != ${sentTotal} sent`,
  );
  tally.note(
    `KES ${sentTotal} in ${sent.length} payments: ${sum("APPLIED")} on orders, ${sum("UNMATCHED")} unmatched`,
  );
}
