import "server-only";
import { randomBytes } from "node:crypto";
import { updateRowIf } from "@/lib/conditional-update";
import { prisma } from "@/lib/db";
import type { Notification } from "@/lib/generated/prisma/client";
import type { SendResult } from "./channels/types";
import { notifications } from "./context";
import { logNotificationEvent } from "./log";

/** Longer than a send can take (each gateway call is cut off by NOTIFY_TIMEOUT_MS), so a live lease never lapses. */
const LEASE_SECONDS = 120;
const SENDS_AT_ONCE = 4;

/**
 * Claims due rows for this drain: queued ones whose time has come, and ones whose sender died (lease lapsed).
 * SKIP LOCKED lets concurrent drains (an after() kick, the cron, another instance) take disjoint rows.
 */
async function claim(limit: number, now: Date, leaseToken: string): Promise<Notification[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_SECONDS * 1000);
  return prisma.$queryRaw<Notification[]>`
    UPDATE "Notification" SET status = 'SENDING', "leaseToken" = ${leaseToken}, "leaseUntil" = ${leaseUntil},
      attempts = attempts + 1, "updatedAt" = ${now}
    WHERE id IN (
      SELECT id FROM "Notification"
      WHERE (status = 'QUEUED' AND "nextAttemptAt" <= ${now}) OR (status = 'SENDING' AND "leaseUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`;
}

/** Records the gateway's answer, only while this drain still holds the lease. */
async function settle(row: Notification, result: SendResult, leaseToken: string) {
  const ctx = notifications();
  const now = ctx.now();
  const wait = ctx.backoffSeconds[row.attempts - 1];
  const data = result.ok
    ? { status: "SENT" as const, sentAt: now, providerId: result.providerId, lastError: null }
    : result.retry && wait !== undefined
      ? {
          status: "QUEUED" as const,
          nextAttemptAt: new Date(now.getTime() + wait * 1000),
          lastError: result.reason,
        }
      : { status: "FAILED" as const, lastError: result.reason };
  await recordingAnswer(() =>
    updateRowIf(
      prisma,
      "Notification",
      { id: row.id, status: "SENDING", leaseToken },
      { ...data, leaseToken: null, leaseUntil: null },
    ),
  );
  logNotificationEvent(row, data.status, result.ok ? undefined : result.reason);
}

/** Waits between tries to record a gateway's answer: a few seconds in all, far inside the lease. */
const RECORD_RETRY_MS = [100, 500, 2000, 5000];

/**
 * The gateway has the message: if recording that fails (a pool timeout under load, a dropped connection),
 * the row stays SENDING until its lease lapses and a sweep sends it again, a duplicate with no crash to
 * explain it. So the record is tried again while this drain still owns the lease.
 */
async function recordingAnswer(write: () => Promise<boolean>): Promise<boolean> {
  for (const wait of RECORD_RETRY_MS) {
    try {
      return await write();
    } catch (e) {
      console.error(
        JSON.stringify({
          scope: "notifications",
          event: "settle.retry",
          error: e instanceof Error ? e.message.slice(0, 200) : String(e),
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return write();
}

async function sendOne(row: Notification): Promise<SendResult> {
  const channel = row.channel === "SMS" ? notifications().sms : notifications().email;
  if (!channel) return { ok: false, retry: false, reason: `${row.channel} is not configured` };
  try {
    return await channel.send({ to: row.recipient, subject: row.subject, text: row.text, html: row.html });
  } catch (e) {
    return { ok: false, retry: true, reason: e instanceof Error ? e.message.slice(0, 300) : String(e) };
  }
}

type DrainReport = {
  sent: number;
  retrying: number;
  failed: number;
  /** Nothing was left due when it stopped (false: it stopped on its row limit or time budget). */
  caughtUp: boolean;
};

/**
 * Sends what is due, a few at a time, until nothing is due, the batch limit is reached or the time budget is
 * spent (a serverless function has a time limit; what is left waits for the next kick or the cron).
 */
export async function drainNotifications({ limit = 200, budgetMs = 25_000 } = {}): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, retrying: 0, failed: 0, caughtUp: false };
  const leaseToken = randomBytes(12).toString("hex");
  const started = Date.now();
  let budget = limit;
  while (budget > 0 && Date.now() - started < budgetMs) {
    const batch = Math.min(SENDS_AT_ONCE, budget);
    const rows = await claim(batch, notifications().now(), leaseToken);
    budget -= rows.length;
    await Promise.all(
      rows.map(async (row) => {
        const result = await sendOne(row);
        await settle(row, result, leaseToken);
        const wait = notifications().backoffSeconds[row.attempts - 1];
        if (result.ok) report.sent++;
        else if (result.retry && wait !== undefined) report.retrying++;
        else report.failed++;
      }),
    );
    // A short batch means nothing else was due: asking again would only cost a statement.
    if (rows.length < batch) {
      report.caughtUp = true;
      break;
    }
  }
  return report;
}

const KICKED_DRAIN_BUDGET_MS = 25_000;
let kicked: Promise<void> | null = null;
let kickedAgain = false;

/**
 * Kicked after a response is sent: never lets a gateway or database problem reach the caller. One kicked
 * drain runs per instance at a time; a kick while it runs makes it go round once more (so what that
 * request committed is claimed) instead of starting a second one: in a burst of paid orders, one drain
 * claims their messages in batches rather than each request claiming its own.
 */
export function drainQuietly(): Promise<void> {
  if (kicked) {
    kickedAgain = true;
    return kicked;
  }
  kicked = drainWhileKicked().finally(() => {
    kicked = null;
    // A kick that came in as the time budget ran out: what its request committed still gets a drain.
    if (kickedAgain) void drainQuietly();
  });
  return kicked;
}

async function drainWhileKicked() {
  const started = Date.now();
  const left = () => KICKED_DRAIN_BUDGET_MS - (Date.now() - started);
  let more = true;
  while ((more || kickedAgain) && left() > 0) {
    kickedAgain = false;
    try {
      more = !(await drainNotifications({ budgetMs: left() })).caughtUp;
    } catch (e) {
      // Only a kick that came in meanwhile tries again (a database that is down fails fast).
      more = false;
      console.error(
        JSON.stringify({
          scope: "notifications",
          event: "drain.error",
          error: e instanceof Error ? e.message : String(e),
        }),
      );
    }
  }
}
