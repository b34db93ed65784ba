import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { SetupCheck } from "./setup-check";

const DAY_MS = 24 * 3600_000;

/** Which notification channels are configured, and whether messages failed to go out lately. */
export async function notificationChecks(): Promise<SetupCheck[]> {
  const { sms, email, deliveryReportToken } = env.notifications;
  const channels = [
    sms ? `SMS through ${new URL(sms.baseUrl).host}` : null,
    email ? `email through ${new URL(email.smtpUrl).host}` : null,
  ].filter(Boolean);
  if (channels.length === 0)
    return [
      {
        id: "notifications",
        label: "Notifications",
        status: "info",
        detail: "Not configured: you see new orders on the dashboard only.",
        fix: "Set AT_USERNAME and AT_API_KEY for SMS, or SMTP_URL for email.",
      },
    ];
  const failed = await prisma.notification.count({
    where: { status: "FAILED", updatedAt: { gte: new Date(Date.now() - DAY_MS) } },
  });
  const reports =
    sms && !deliveryReportToken
      ? " SMS delivery reports are off (messages stay \"Sent\"): set AT_DELIVERY_REPORT_TOKEN and the delivery report URL on Africa's Talking's dashboard."
      : "";
  const detail = `${channels.join(", ")}.${reports}`;
  if (failed > 0)
    return [
      {
        id: "notifications",
        label: "Notifications",
        status: "problem",
        detail: `${detail} ${failed} message(s) gave up in the last 24 hours.`,
        fix: "Open Notifications settings and send a test message; check the channel's keys.",
      },
    ];
  return [{ id: "notifications", label: "Notifications", status: "ok", detail }];
}
