import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { notifications } from "./context";
import { maskRecipient } from "./mask";

/**
 * Africa's Talking's SMS delivery report, POSTed form-encoded to the URL set on its dashboard
 * (`${PUBLIC_URL}/api/notifications/sms-delivery/<AT_DELIVERY_REPORT_TOKEN>`). `id` is the messageId AT
 * answered when the SMS was sent (Notification.providerId).
 */
const reportSchema = z.object({
  id: z.string().trim().min(1).max(200),
  status: z.enum(["Success", "Failed", "Rejected", "Sent", "Buffered", "Submitted"]),
  phoneNumber: z.string().trim().max(40).optional(),
  networkCode: z.string().trim().max(20).optional(),
  failureReason: z.string().trim().max(200).optional(),
  retryCount: z.string().trim().max(10).optional(),
});

type Report = z.infer<typeof reportSchema>;
const FINAL: Report["status"][] = ["Success", "Failed", "Rejected"];
const EARLY_REPORT_WAITS_MS = [300, 600, 900];

export type DeliveryReportOutcome =
  { kind: "not-found" } | { kind: "invalid"; reason: string } | { kind: "recorded"; changed: boolean };

/** Constant-time comparison of the path token (hashed first, so lengths never leak either). */
function tokenMatches(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

/**
 * Records one delivery report. Conditional updates only: a report for an unknown id (after up to 1.8 s of
 * waiting for our record of the send), for a message that is not SENT any more, or a replay, changes nothing
 * (and is still acknowledged, so AT does not retry it forever).
 * Success -> DELIVERED (deliveredAt); Failed/Rejected -> FAILED with AT's failureReason; Sent/Buffered/Submitted
 * are intermediate and change nothing.
 */
export async function receiveDeliveryReport(input: {
  token: string;
  rawBody: string;
  truncated: boolean;
}): Promise<DeliveryReportOutcome> {
  const ctx = notifications();
  if (!tokenMatches(input.token, ctx.deliveryReportToken)) return { kind: "not-found" };
  if (input.truncated) return { kind: "invalid", reason: "body: too large" };
  const form = Object.fromEntries(
    [...new URLSearchParams(input.rawBody)].filter(([, value]) => value.trim() !== ""),
  );
  const parsed = reportSchema.safeParse(form);
  if (!parsed.success) return { kind: "invalid", reason: describeIssues(parsed.error) };
  const report = parsed.data;
  const now = ctx.now();

  let changed = await applyReport(report, now);
  // A report can beat our own record of the send (AT answered, the drain has not saved its messageId yet):
  // an id we have never seen gets a few short waits before it is given up.
  for (const waitMs of EARLY_REPORT_WAITS_MS) {
    if (changed || !FINAL.includes(report.status) || (await isKnownMessage(report.id))) break;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    changed = await applyReport(report, now);
  }
  console.log(
    JSON.stringify({
      scope: "notifications",
      event: "delivery-report",
      providerId: report.id,
      status: report.status,
      to: report.phoneNumber ? maskRecipient(report.phoneNumber) : undefined,
      failureReason: report.failureReason,
      changed,
    }),
  );
  return { kind: "recorded", changed };
}

/** Success -> DELIVERED, Failed/Rejected -> FAILED; only a message that is SENT with this messageId. */
async function applyReport(report: Report, now: Date): Promise<boolean> {
  const where = { channel: "SMS" as const, providerId: report.id, status: "SENT" as const };
  if (report.status === "Success") {
    const { count } = await prisma.notification.updateMany({
      where,
      data: { status: "DELIVERED", deliveredAt: now },
    });
    return count > 0;
  }
  if (report.status === "Failed" || report.status === "Rejected") {
    const reason = report.failureReason ?? "no reason given";
    const { count } = await prisma.notification.updateMany({
      where,
      data: { status: "FAILED", lastError: `Not delivered (${report.status}): ${reason}` },
    });
    return count > 0;
  }
  return false;
}

async function isKnownMessage(providerId: string): Promise<boolean> {
  return (await prisma.notification.count({ where: { channel: "SMS", providerId } })) > 0;
}
