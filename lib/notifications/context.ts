import "server-only";
import { env } from "@/lib/env";
import { createAfricasTalkingChannel } from "./channels/africastalking";
import { createSmtpChannel } from "./channels/smtp";
import type { Channel } from "./channels/types";

/** Everything notifications depend on from outside: the two gateways (null: off), our URL and the clock. */
export type NotificationsContext = {
  sms: Channel | null;
  email: Channel | null;
  shopName: string;
  publicUrl: string;
  /** Alerts go here (and to the owner's email) until the owner sets alert recipients. */
  sellerPhone: string | undefined;
  /** Waits after failed attempts 1, 2, ...; after the last one the message is given up. */
  backoffSeconds: number[];
  /** The secret path token of Africa's Talking's delivery reports (undefined: every report is refused). */
  deliveryReportToken: string | undefined;
  now: () => Date;
};

let current: NotificationsContext | undefined;

export function notifications(): NotificationsContext {
  const config = env.notifications;
  current ??= {
    sms: config.sms && createAfricasTalkingChannel({ ...config.sms, timeoutMs: config.timeoutMs }),
    email: config.email && createSmtpChannel({ ...config.email, timeoutMs: config.timeoutMs }),
    shopName: config.shopName,
    publicUrl: env.publicUrl,
    sellerPhone: config.sellerPhone,
    backoffSeconds: config.retrySeconds,
    deliveryReportToken: config.deliveryReportToken,
    now: () => new Date(),
  };
  return current;
}

/** Tests, benchmarks and the reliability suite point notifications at their own gateways or clock. */
export function configureNotifications(overrides: Partial<NotificationsContext>) {
  current = { ...notifications(), ...overrides };
}
