import "server-only";
import { after } from "next/server";
import { prisma } from "@/lib/db";
import { drainNotifications } from "@/lib/notifications/drain";
import { queueStockSummaryIfDue } from "@/lib/notifications/stock-summary";
import { reconcileRefunds } from "@/lib/payments/refunds/reconcile";
import { recheckTypedCodes } from "@/lib/payments/refunds/typed-codes";
import { reconcileAll } from "@/lib/payments/stk/reconcile";
import { pruneRejectedCallbacks } from "@/lib/payments/stk/rejected-callbacks";
import { recordJobRun } from "./job-runs";

/** How often requests pick up due work between two runs of the (daily, on Vercel Hobby) cron. */
const SWEEP_EVERY_MS = 5 * 60_000;

/** A step whose failure must not stop the others: its error becomes its figure. */
const orError = <T>(step: Promise<T>) =>
  step.catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));

/**
 * What the scheduled job does: settle stale attempts by STK query, expire unpaid orders, settle refunds
 * whose result never came and typed M-Pesa codes whose check went unanswered (Transaction Status), queue
 * the owner's morning stock summary when it is due, send the messages still due (retries, and any a
 * crashed instance left), prune old rejected-callback notes.
 */
export async function runScheduledWork() {
  const reconciled = await reconcileAll();
  const refunds = await reconcileRefunds();
  const typedCodesAskedAgain = await recheckTypedCodes();
  const stockSummary = await orError(queueStockSummaryIfDue());
  const notifications = await orError(drainNotifications());
  return {
    ...reconciled,
    ...refunds,
    typedCodesAskedAgain,
    stockSummary,
    notifications,
    prunedRejectedCallbacks: await pruneRejectedCallbacks(),
  };
}

/** The cron route and `npm run reconcile`, one path: the scheduled work, remembered for the Setup page. */
export async function runScheduledJob() {
  const result = await runScheduledWork();
  await recordJobRun("reconcile");
  return result;
}

/**
 * Run after a response: when no instance swept in the last 5 minutes, this one takes the lease (one
 * conditional write, so concurrent requests on any instance sweep once between them) and does the work.
 * A daily cron is then only the safety net for a shop nobody visits.
 */
export async function sweepIfDue(now = new Date()): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - SWEEP_EVERY_MS);
  const claimed = await prisma.$executeRaw`
    INSERT INTO "JobRun" (name, "lastRunAt") VALUES ('sweep', ${now})
    ON CONFLICT (name) DO UPDATE SET "lastRunAt" = ${now} WHERE "JobRun"."lastRunAt" < ${staleBefore}`;
  if (claimed === 0) return false;
  // The lease's write above is the sweep's record of when it ran.
  await runScheduledWork();
  return true;
}

/** For after(): never lets the sweep's failure reach anyone (the next request or the cron tries again). */
async function sweepQuietly(): Promise<void> {
  await sweepIfDue().catch((e: unknown) =>
    console.error(
      JSON.stringify({
        scope: "setup",
        event: "sweep.error",
        error: e instanceof Error ? e.message : String(e),
      }),
    ),
  );
}

/**
 * A request's visitor picks up the shop's due work once the response has gone. Outside a request (a route
 * handler called directly, a script) there is no "after": nothing is swept, the cron or the next request will.
 */
export function sweepAfterResponse(): void {
  try {
    after(sweepQuietly);
  } catch {
    // Not in a request scope.
  }
}
