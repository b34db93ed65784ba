/**
 * With a daily cron (Vercel Hobby), due work rides on requests: one sweep per 5 minutes across instances,
 * under a lease in the database, doing what the cron route does.
 */
import "./support/embedded-db-pool";
import { spawn } from "node:child_process";
import { beforeEach, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sweepIfDue } from "@/lib/setup/scheduled-work";
import {
  checkoutOk,
  clock,
  createProduct,
  freshPhone,
  stockOf,
  readOrder,
  withPaymentsHarness,
} from "./support/payments-harness";

const harness = withPaymentsHarness();

beforeEach(async () => {
  await prisma.jobRun.deleteMany();
});

it("concurrent requests sweep once between them, and again only after 5 minutes", async () => {
  const at = clock.now();
  const claims = await Promise.all(Array.from({ length: 4 }, () => sweepIfDue(at)));
  expect(claims.filter(Boolean)).toHaveLength(1);
  expect(await sweepIfDue(new Date(at.getTime() + 60_000))).toBe(false);
  expect(await sweepIfDue(new Date(at.getTime() + 5 * 60_000 + 1000))).toBe(true);
  expect((await prisma.jobRun.findUniqueOrThrow({ where: { name: "sweep" } })).lastRunAt).toEqual(
    new Date(at.getTime() + 5 * 60_000 + 1000),
  );
});

it("an abandoned order's stock comes back without any cron, on the next request's sweep", async () => {
  const product = await createProduct({ stock: 1, priceKes: 310 });
  const phone = freshPhone();
  const { publicId } = await checkoutOk(harness, product.id, phone);
  await harness.emulator.control.cancel(phone);
  clock.advance(20 * 60);
  expect(await sweepIfDue(clock.now())).toBe(true);
  expect((await readOrder(publicId)).status).toBe("EXPIRED");
  expect(await stockOf(product.id)).toBe(1);
});

it("npm run reconcile does the cron route's work (old rejected callbacks pruned too) and records the cron's run", async () => {
  const old = await prisma.callbackEvent.create({
    data: {
      token: "unknown-token-hash",
      rawBody: "{}",
      headers: {},
      verdict: "REJECTED",
      reason: "unknown token",
      receivedAt: new Date(Date.now() - 400 * 24 * 60 * 60_000),
    },
  });
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("npm", ["run", "-s", "reconcile"], { env: process.env });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("exit", (exit) => resolve({ code: exit, output: text }));
  });
  expect(code, output).toBe(0);
  expect(output).toMatch(/"prunedRejectedCallbacks":[1-9]/);
  expect(await prisma.callbackEvent.findUnique({ where: { id: old.id } })).toBeNull();
  expect(await prisma.jobRun.findUnique({ where: { name: "reconcile" } })).not.toBeNull();
}, 120_000);
