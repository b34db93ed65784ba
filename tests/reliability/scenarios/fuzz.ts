/**
 * Fuzz: generated callback bodies (wrong types, missing fields, huge values, deep nesting, invalid UTF-8,
 * over 64 KB) at pending attempts' real callback URLs and at unknown ones. Never a 5xx, never a state change.
 * The bodies carry a CheckoutRequestID no attempt has, so no generated body is a legitimate result.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { prisma } from "@/lib/db";
import type { Stack } from "../support/stack";
import { callbacksApplied, mapLimit, postCallback } from "../support/shop";
import { Tally } from "../support/tally";
import { pendingTargets, settleTargets, snapshot } from "./forgery";
import { countInSlices } from "../../support/id-chunks";

const template = () => ({
  Body: {
    stkCallback: {
      MerchantRequestID: "29115-34620561-1",
      CheckoutRequestID: "ws_CO_FUZZ000000000000000000",
      ResultCode: 0 as unknown,
      ResultDesc: "The service request is processed successfully." as unknown,
      CallbackMetadata: {
        Item: [
          { Name: "Amount", Value: 350 },
          { Name: "MpesaReceiptNumber", Value: "NLJ7RT61SV" },
          { Name: "Balance" },
          { Name: "TransactionDate", Value: 20191219102115 },
          { Name: "PhoneNumber", Value: 254708374149 },
        ] as unknown[],
      },
    } as Record<string, unknown>,
  } as Record<string, unknown>,
});

const PATHS = [
  ["Body"],
  ["Body", "stkCallback"],
  ["Body", "stkCallback", "ResultCode"],
  ["Body", "stkCallback", "ResultDesc"],
  ["Body", "stkCallback", "CheckoutRequestID"],
  ["Body", "stkCallback", "MerchantRequestID"],
  ["Body", "stkCallback", "CallbackMetadata"],
  ["Body", "stkCallback", "CallbackMetadata", "Item"],
  ["Body", "stkCallback", "CallbackMetadata", "Item", 0],
  ["Body", "stkCallback", "CallbackMetadata", "Item", 0, "Value"],
  ["Body", "stkCallback", "CallbackMetadata", "Item", 1, "Value"],
  ["Body", "stkCallback", "CallbackMetadata", "Item", 1, "Name"],
  ["Body", "stkCallback", "CallbackMetadata", "Item", 3, "Value"],
] as (string | number)[][];

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    "",
    "0",
    "1032",
    "SFC_IC0003",
    1e308,
    -1e308,
    -1,
    0.5,
    2 ** 53 + 1,
    "NaN",
    "Infinity",
    [],
    {},
    true,
    "\u0000",
    "ws_CO_",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.double(),
  fc.bigInt().map(String),
);

function mutate(mutations: { path: (string | number)[]; value: unknown; remove: boolean }[]) {
  const body = template() as Record<string, unknown>;
  for (const { path, value, remove } of mutations) {
    let node = body as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== "object") node[key] = {};
      node = node[key] as Record<string | number, unknown>;
    }
    if (remove) delete node[path.at(-1)!];
    else node[path.at(-1)!] = structuredClone(value); // generated constants are shared between samples
  }
  return JSON.stringify(body);
}

const BAD_BYTES = [
  [0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x00],
  [0xef, 0xbf, 0xbe],
  [0xe2, 0x82],
];
const enc = new TextEncoder();

const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.record({ path: fc.constantFrom(...PATHS), value: oddValue, remove: fc.boolean() }), {
        minLength: 1,
        maxLength: 4,
      })
      .map(mutate),
  },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...BAD_BYTES)).map(([at, bad]) => {
      const json = enc.encode(mutate([]));
      const i = at % json.length;
      return Buffer.concat([json.subarray(0, i), Buffer.from(bad), json.subarray(i)]);
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 10, max: 120_000 }), fc.boolean())
      .map(([depth, arrays]) =>
        arrays
          ? `{"Body":${"[".repeat(depth)}${"]".repeat(depth)}}`
          : `${'{"Body":'.repeat(depth)}{}${"}".repeat(depth)}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 64 * 1024 - 200, max: 300 * 1024 }).map((size) => {
      const b = template();
      (b.Body.stkCallback as Record<string, unknown>).ResultDesc = "x".repeat(size);
      return JSON.stringify(b);
    }),
  },
);

const CONTENT_TYPES = [
  "application/json",
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
];

export async function fuzz(stack: Stack, count: number): Promise<Tally> {
  const tally = new Tally("fuzz");
  const targets = await pendingTargets(stack, 10);
  const ids = targets.map((t) => t.attemptId);
  const before = await snapshot(ids);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  tally.note(`fast-check seed ${seed} (FUZZ_SEED=${seed} repeats this run's bodies)`);
  const bodies = fc.sample(fc.tuple(body, fc.nat(99), fc.nat(CONTENT_TYPES.length - 1)), {
    numRuns: count,
    seed,
  });
  const since = new Date();
  const statuses = await mapLimit(
    bodies,
    Number(process.env.FUZZ_CONCURRENCY ?? 32),
    ([payload, where, type]) => {
      const token = where < 80 ? targets[where % targets.length]!.token : randomBytes(24).toString("hex");
      return postCallback(stack.app.url, token, payload, CONTENT_TYPES[type]);
    },
  );
  bodies.forEach(([payload, where, type], i) => {
    const { status, error } = statuses[i]!;
    const size = typeof payload === "string" ? Buffer.byteLength(payload) : payload.length;
    const to = `${where < 80 ? "a pending attempt" : "an unknown token"} as ${CONTENT_TYPES[type]}`;
    tally.unit([
      (status === 0 || status >= 500) &&
        `HTTP ${status} ${error ?? ""} for a ${size}-byte body to ${to}: ${Buffer.from(payload).subarray(0, 60).toString("latin1")}`,
    ]);
  });

  await callbacksApplied(since);
  const after = await snapshot(ids);
  const changed = ids.filter((id) => before.get(id) !== after.get(id));
  tally.invariant(changed.length === 0, `${changed.length} target attempts changed`);
  const flagged = await countInSlices(
    targets.map((t) => t.orderId),
    (slice) => prisma.order.count({ where: { id: { in: slice }, needsAttention: true } }),
  );
  tally.invariant(flagged === 0, `${flagged} target orders flagged`);
  // Bodies at a real callback URL are all recorded; at unknown ones only up to the per-IP cap (60).
  const oks = statuses.filter((s, i) => s.status === 200 && bodies[i]![1] < 80).length;
  const recorded = await prisma.callbackEvent.count({
    where: { receivedAt: { gte: since }, NOT: { reason: "unknown token" } },
  });
  tally.invariant(recorded === oks, `${recorded} bodies recorded, ${oks} answered 200 at real callback URLs`);
  const unknownNoted = await prisma.callbackEvent.count({
    where: { receivedAt: { gte: since }, reason: "unknown token" },
  });
  tally.invariant(unknownNoted <= 60, `${unknownNoted} unknown-token bodies noted from one address (cap 60)`);
  const alive = await fetch(`${stack.app.url}/api/orders/fuzz-alive-check`).then(
    (r) => r.status,
    () => 0,
  );
  tally.invariant(alive === 404, `server not answering after the fuzz (HTTP ${alive})`);
  const byStatus = new Map<number, number>();
  for (const s of statuses) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  tally.note(`answers ${[...byStatus].map(([s, n]) => `HTTP ${s}: ${n}`).join(", ")}`);
  await settleTargets(stack, targets);
  return tally;
}
