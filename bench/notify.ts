// npm run bench:notify: the time from our callback route acknowledging a payment (the emulator gets its 200) to
// the shopper's confirmation SMS reaching the local Africa's Talking gateway, over BENCH_PAYMENTS (default 50)
// payments on the production build. Baseline from the same run: one SMS sent straight through the SMS client.
// Prints figures; never fails on time.
import { prisma } from "@/lib/db";
import { notifications } from "@/lib/notifications/context";
import { checkout, createProduct, freshPhone, sleep } from "@/tests/reliability/support/shop";
import { startStack } from "@/tests/reliability/support/stack";
import { machine, printTable } from "./support/stats";

const PAYMENTS = Math.max(20, Number(process.env.BENCH_PAYMENTS ?? 50));

const stack = await startStack({
  appPort: Number(process.env.BENCH_APP_PORT ?? 3300),
  emulatorPort: Number(process.env.BENCH_EMULATOR_PORT ?? 4310),
  build: process.argv.includes("--build"),
  emulator: { promptTimeoutMs: 3_600_000 },
});
try {
  const product = await createProduct({ stock: 1_000_000, priceKes: 770 });
  const ackToSms: number[] = [];
  const direct: number[] = [];
  let missing = 0;
  for (let i = -2; i < PAYMENTS; i++) {
    const phone = freshPhone();
    const result = await checkout(product.id, phone);
    if (!result.ok) throw new Error(result.message);
    const order = await prisma.order.findUniqueOrThrow({
      where: { publicId: result.publicId },
      include: { attempts: true },
    });
    const delivery = await stack.emulator.control.pay(order.attempts[0]!.checkoutRequestId!);
    // When the emulator had our 200 (sentAt + the POST's round trip), not when this loop noticed.
    const acked = Date.parse(delivery.sentAt) + delivery.latencyMs;
    if (delivery.status !== 200) throw new Error(`callback answered ${delivery.status}`);
    let sms = stack.emulator.inbox.list(`+${phone}`)[0];
    for (const deadline = acked + 15_000; !sms && Date.now() < deadline;) {
      await sleep(2);
      sms = stack.emulator.inbox.list(`+${phone}`)[0];
    }
    if (!sms) {
      missing++;
      continue;
    }
    if (i < 0) continue; // warm-up
    ackToSms.push(Date.parse(sms.at) - acked);
    const t0 = Date.now();
    await notifications().sms!.send({ to: `+${freshPhone()}`, text: "bench baseline" });
    direct.push(Date.now() - t0);
  }
  printTable(
    `Callback acknowledged to confirmation SMS at the gateway: ${PAYMENTS} payments, production build, local Africa's Talking stand-in`,
    [
      { name: "baseline: one SMS through the SMS client", samples: direct },
      { name: "callback 200 -> shopper SMS received", samples: ackToSms },
    ],
  );
  if (missing) console.log(`\n${missing} payments had no SMS within 15 s (not in the figures)`);
  console.log(`\nMachine: ${await machine(prisma)}`);
} finally {
  await stack.stop();
  await prisma.$disconnect();
}
