/**
 * Abuse: 100 checkouts for one phone number within a minute, from different addresses (so the per-address
 * limit cannot be what stops them), under the shipped default limits. At most 3 prompts reach the emulator.
 */
import { parseEnv } from "@/lib/env";
import { prisma } from "@/lib/db";
import { configurePayments, payments } from "@/lib/payments/shared/context";
import type { Stack } from "../support/stack";
import { checkout, createProduct, freshPhone, mapLimit } from "../support/shop";
import { Tally } from "../support/tally";

export async function abuse(stack: Stack, tries: number): Promise<Tally> {
  const tally = new Tally("abuse");
  const defaults = parseEnv({ DUKA_DEV_DEFAULTS: "1" }).limits;
  const saved = { promptsPerPhone: payments().promptsPerPhone, checkoutsPerIp: payments().checkoutsPerIp };
  configurePayments({ promptsPerPhone: defaults.promptsPerPhone, checkoutsPerIp: defaults.checkoutsPerIp });
  const product = await createProduct({ stock: 1_000_000, priceKes: 150 });
  const phone = freshPhone();
  const lastCall = stack.emulator.control.log().at(-1)?.id ?? 0;
  const started = Date.now();
  let results;
  try {
    results = await mapLimit(Array.from({ length: tries }), 10, (_, i) =>
      checkout(product.id, phone, { clientIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }),
    );
  } finally {
    configurePayments(saved);
  }
  const seconds = (Date.now() - started) / 1000;
  const pushes = stack.emulator.control
    .log()
    .filter((c) => c.id > lastCall && c.path.includes("stkpush")).length;
  const orders = await prisma.order.count({ where: { phone } });
  let allowed = 0;
  for (const r of results) {
    if (r.ok) allowed++;
    tally.unit([
      r.ok && allowed > defaults.promptsPerPhone && `checkout ${allowed} for one phone was allowed`,
      !r.ok && r.reason !== "rate_limited" && `refused as ${r.reason}`,
    ]);
  }
  tally.invariant(
    pushes <= defaults.promptsPerPhone,
    `${pushes} pushes reached the emulator (limit ${defaults.promptsPerPhone})`,
  );
  tally.invariant(seconds < 60, `the ${tries} checkouts took ${seconds.toFixed(0)} s, not within a minute`);
  tally.note(
    `${tries} checkouts in ${seconds.toFixed(1)} s: ${allowed} allowed, ${orders} orders, ${pushes} pushes reached the emulator (limit ${defaults.promptsPerPhone} per ${defaults.windowMinutes} min)`,
  );
  return tally;
}
