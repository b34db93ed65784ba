/**
 * The outbox promises a message reaches its gateway twice only when a sender died mid-send. Here the
 * sender lives, the gateway accepts, and PostgreSQL refuses the first write that records it (a trigger
 * plays the pool timeout a loaded database gives): the message must still be recorded sent, and a later
 * sweep, once the lease would have lapsed, must not send it again.
 */
import "./support/embedded-db-pool";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { configureNotifications } from "@/lib/notifications/context";
import { drainNotifications } from "@/lib/notifications/drain";
import { localGateways } from "./support/notifications";
import { clock, withPaymentsHarness } from "./support/payments-harness";

const harness = withPaymentsHarness();

beforeAll(async () => {
  // nextval is not rolled back with the failed statement, so only the first recording fails.
  await prisma.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS test_settle_failures`);
  await prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION test_fail_first_settle() RETURNS trigger AS $$
    BEGIN
      IF OLD.status = 'SENDING' AND NEW.status = 'SENT' AND nextval('test_settle_failures') = 1 THEN
        RAISE EXCEPTION 'timed out fetching a new connection from the pool (simulated)';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await prisma.$executeRawUnsafe(`
    CREATE TRIGGER test_fail_first_settle BEFORE UPDATE ON "Notification"
    FOR EACH ROW EXECUTE FUNCTION test_fail_first_settle()`);
});

afterAll(async () => {
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_first_settle ON "Notification"`);
  await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_fail_first_settle()`);
  await prisma.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS test_settle_failures`);
});

it("a send whose record failed once is recorded, and never sent again by a later sweep", async () => {
  configureNotifications({ ...localGateways(harness.emulator), now: clock.now });
  harness.emulator.inbox.clear();
  const to = "+254700000321";
  const message = await prisma.notification.create({
    data: {
      idempotencyKey: `no-duplicates:${Date.now()}`,
      kind: "TEST",
      channel: "SMS",
      recipient: to,
      text: "Your order DK-NODUP1 is paid.",
    },
  });
  await drainNotifications().catch(() => undefined);
  expect(harness.emulator.inbox.list(to)).toHaveLength(1);
  expect(await prisma.notification.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
    status: "SENT",
    leaseToken: null,
  });

  // The cron's sweep, long after any lease would have lapsed.
  clock.advance(10 * 60);
  await drainNotifications();
  expect(harness.emulator.inbox.list(to)).toHaveLength(1);
});
