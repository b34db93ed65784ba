// npm run bench:refunds: a refund from the seller's request to its result applied (issue 25), beside a
// prompt from "Pay" on the phone to its callback applied, on the production build with the emulator in
// process. One at a time, BENCH_REFUNDS (default 100) of each: the refund is asked in this process (as the
// owner's server action does: decided under the order's lock, then sent to Daraja), the emulator POSTs its
// Result to the app's result route, which applies it; the time ends when the database shows it applied
// (polled every 2 ms, the same way for both rows). Prints figures; never fails on time.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { startRefund } from "@/lib/payments/refunds/send";
import { configurePayments } from "@/lib/payments/shared/context";
import { checkout, createProduct, freshPhone, sleep } from "@/tests/reliability/support/shop";
import { refundingDaraja, startStack } from "@/tests/reliability/support/stack";
import { machine, printTable, type Row } from "./support/stats";

const N = Number(process.env.BENCH_REFUNDS ?? 100);

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

const stack = await startStack({
  appPort: Number(process.env.BENCH_APP_PORT ?? 3300),
  emulatorPort: Number(process.env.BENCH_EMULATOR_PORT ?? 4310),
  build: process.argv.includes("--build"),
});
try {
  configurePayments({
    daraja: refundingDaraja(stack),
    refundsOffReason: null,
  });
  stack.emulator.control.setB2cBalance(1_000_000_000);
  const product = await createProduct({ stock: 1_000_000, priceKes: 1000 });
  const stk: number[] = [];
  const reversal: number[] = [];
  const b2c: number[] = [];
  const asked: number[] = [];
  for (let i = 0; i < N + 5; i++) {
    const warm = i < 5;
    const phone = freshPhone();
    const placed = await checkout(product.id, phone);
    if (!placed.ok) throw new Error(placed.message);
    const prompt = stack.emulator.control.ledger(phone).entries.at(-1)!;
    let t0 = performance.now();
    await stack.emulator.control.pay(prompt.checkoutRequestId);
    const order = { publicId: placed.publicId };
    await until(
      async () =>
        (await prisma.order.findUnique({ where: order, select: { status: true } }))?.status === "PAID",
      "order paid",
    );
    if (!warm) stk.push(performance.now() - t0);
    const { id, totalKes } = await prisma.order.findUniqueOrThrow({ where: order });
    // Alternately a part (B2C) and the whole payment (Reversal).
    const part = i % 2 === 0;
    t0 = performance.now();
    const refund = await startRefund({
      orderId: id,
      amountKes: part ? 100 : totalKes,
      reason: "Bench",
      restock: false,
      idempotencyKey: randomBytes(12).toString("hex"),
      by: "owner@duka.test",
    });
    if (!refund.ok) throw new Error(refund.error);
    if (!warm) asked.push(performance.now() - t0);
    await until(
      async () =>
        (await prisma.refund.findUnique({ where: { id: refund.refund.id }, select: { status: true } }))
          ?.status === "SUCCEEDED",
      "refund applied",
    );
    if (!warm) (part ? b2c : reversal).push(performance.now() - t0);
  }
  console.log(`\n${await machine(prisma)}; ${N} of each, one at a time, after 5 warm-up rounds`);
  const rows: Row[] = [
    { name: 'STK: "Pay" on the phone -> callback applied (order PAID)', samples: stk },
    { name: "refund asked -> accepted by Daraja (the seller's answer)", samples: asked },
    { name: "refund asked -> result applied: Reversal", samples: reversal },
    { name: "refund asked -> result applied: B2C", samples: b2c },
  ];
  printTable("Refund request to result applied", rows);
} finally {
  await stack.stop();
  await prisma.$disconnect();
}
