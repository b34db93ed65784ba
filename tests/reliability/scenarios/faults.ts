/**
 * Faults: the emulator answers 500, rate limits, hangs and drops connections on a share of pushes, drops 20%
 * of callbacks and duplicates 20%. After the reconcile route has run (the caller waits out its 60 s query
 * threshold once, shared with the crash scenario), every order must agree with the emulator's ledger, and
 * no attempt may have prompted twice.
 */
import { randomInt } from "node:crypto";
import type { Outcome } from "@/emulator";
import { prisma } from "@/lib/db";
import type { Stack } from "../support/stack";
import { checkout, createProduct, freshPhone, mapLimit, tokenOfUrl, waitFor } from "../support/shop";
import { hashToken } from "@/lib/payments/shared/identifiers";
import { Tally } from "../support/tally";

const OUTCOMES: Outcome[] = [
  "pay",
  "pay",
  "pay",
  "pay",
  "pay",
  "pay",
  "cancel",
  "insufficient",
  "wrong_pin",
  "timeout",
];

export type Pending = { latest: Date; finish(): Promise<Tally> };

export async function startFaults(stack: Stack, count: number): Promise<Pending> {
  const tally = new Tally("faults");
  const { control } = stack.emulator;
  const product = await createProduct({ stock: 1_000_000, priceKes: 777 });
  const phones = Array.from({ length: count }, freshPhone);
  for (const phone of phones)
    control.setRule(phone, { outcome: OUTCOMES[randomInt(OUTCOMES.length)]!, delayMs: randomInt(800) });
  // Each push fault is tried in turn, so together they hit roughly a third of the pushes.
  const pushFaults = [
    { kind: "error", probability: 0.06 },
    { kind: "rateLimit", probability: 0.06 },
    { kind: "hang", probability: 0.06, accepted: true, hangMs: 2500 },
    { kind: "hang", probability: 0.04, accepted: false, hangMs: 2500 },
    { kind: "drop", probability: 0.06, accepted: true },
    { kind: "drop", probability: 0.04, accepted: false },
  ] as const;
  for (const f of pushFaults) control.fault({ target: "push", ...f });
  control.fault({ target: "callback", kind: "drop", probability: 0.2 });
  control.fault({ target: "callback", kind: "duplicate", probability: 0.2 });
  // Half the body, then a hang-up: Next.js drops it, and the prompt is settled like a lost callback.
  control.fault({ target: "callback", kind: "cut", probability: 0.1 });

  const results = await mapLimit(phones, 8, (phone) => checkout(product.id, phone));
  const latest = new Date();
  tally.invariant(
    results.every((r) => r.ok),
    `${results.filter((r) => !r.ok).length} checkouts refused`,
  );
  const phoneSet = new Set(phones);
  const ours = () => control.ledger().entries.filter((e) => phoneSet.has(e.phone));
  await waitFor(() => ours().every((e) => e.state !== "open"), "faults prompts settled");
  await waitFor(() => {
    const delivered = new Set(control.deliveries().map((d) => d.checkoutRequestId));
    return ours().every((e) => delivered.has(e.checkoutRequestId));
  }, "faults callbacks attempted");
  await new Promise((r) => setTimeout(r, 3000)); // held (hang) answers and duplicate second POSTs
  const applied = control
    .faults()
    .map(
      (f) =>
        `${f.spec.target}.${f.spec.kind}${"accepted" in f.spec && f.spec.accepted !== undefined ? (f.spec.accepted ? "+" : "-") : ""} x${f.applied}`,
    );
  tally.note(`faults applied: ${applied.join(", ")}`);
  control.clearFaults();
  control.clearRules();

  return { latest, finish: () => check(tally, stack, phones) };
}

async function check(tally: Tally, stack: Stack, phones: string[]) {
  const phoneSet = new Set(phones);
  const entries = stack.emulator.control.ledger().entries.filter((e) => phoneSet.has(e.phone));
  const promptsByHash = new Map<string, typeof entries>();
  for (const e of entries) {
    const hash = hashToken(tokenOfUrl(e.callbackUrl));
    promptsByHash.set(hash, [...(promptsByHash.get(hash) ?? []), e]);
  }
  const orders = await prisma.order.findMany({
    where: { phone: { in: phones } },
    include: {
      attempts: { include: { _count: { select: { callbacks: { where: { verdict: "APPLIED" } } } } } },
    },
  });
  let unknowable = 0;
  let paidDb = 0;
  let paidLedger = 0;
  for (const order of orders) {
    const attempt = order.attempts[0]!;
    const prompts = promptsByHash.get(attempt.callbackToken) ?? [];
    const prompt = prompts[0];
    // Daraja took the push but its answer never came back and the callback was dropped: no CheckoutRequestID
    // to query with, so nothing can settle it. It must at least not be marked paid or failed.
    const lost = prompt && attempt.status === "UNKNOWN" && attempt.checkoutRequestId === null;
    if (lost) unknowable++;
    if (order.status === "PAID") paidDb += order.totalKes;
    if (prompt?.state === "paid" && !lost) paidLedger += prompt.amount;
    const expected = lost
      ? "PENDING"
      : !prompt
        ? attempt.status === "FAILED"
          ? "FAILED"
          : "PENDING"
        : prompt.state === "paid"
          ? "PAID"
          : "FAILED";
    tally.unit([
      order.attempts.length !== 1 && `${order.reference}: ${order.attempts.length} attempts`,
      prompts.length > 1 && `${order.reference}: prompted ${prompts.length} times for one attempt`,
      order.status !== expected &&
        `${order.reference}: order ${order.status}, expected ${expected} (attempt ${attempt.status}, prompt ${prompt?.state ?? "none"})`,
      !prompt &&
        !["FAILED", "UNKNOWN"].includes(attempt.status) &&
        `${order.reference}: no prompt, attempt ${attempt.status}`,
      attempt._count.callbacks > 1 && `${order.reference}: ${attempt._count.callbacks} callbacks applied`,
    ]);
  }
  tally.invariant(orders.length === phones.length, `${orders.length} orders for ${phones.length} checkouts`);
  tally.invariant(
    paidDb === paidLedger,
    `paid KES ${paidDb} in the database, ${paidLedger} in the emulator's ledger`,
  );
  const noPrompt = orders.filter((o) => !promptsByHash.has(o.attempts[0]!.callbackToken)).length;
  tally.note(
    `${orders.length} orders: ${entries.length} prompted, ${noPrompt} never prompted (push refused or lost), paid KES ${paidDb}`,
  );
  if (unknowable > 0)
    tally.note(
      `${unknowable} attempts unknowable by design: push answer lost AND callback dropped (no CheckoutRequestID to query); left UNKNOWN, not paid`,
    );
  return tally;
}
