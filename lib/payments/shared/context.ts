import "server-only";
import { type DarajaClient, createDarajaClient } from "@/lib/daraja";
import { env } from "@/lib/env";

/** Everything the payment flow depends on from outside: Daraja, our public URL, limits and the clock. */
export type PaymentsContext = {
  daraja: DarajaClient;
  callbackBaseUrl: string;
  reservationMinutes: number;
  promptsPerPhone: number;
  checkoutsPerIp: number;
  limitWindowMinutes: number;
  /** Stock hoarding: most of one product per order, most items per order, open (unpaid) orders per phone and per network. */
  maxQuantityPerLine: number;
  maxItemsPerOrder: number;
  openOrdersPerPhone: number;
  openOrdersPerIp: number;
  /** Different phone numbers prompted from one client address per window, and units its unpaid orders hold. */
  phonesPerIp: number;
  reservedUnitsPerIp: number;
  /** Unpaid pay-on-delivery orders per phone and per network. */
  podOrdersPerPhone: number;
  podOrdersPerIp: number;
  /** How many times an order link may move the payment to another phone number. */
  numberChangesPerOrder: number;
  /** Refunds: how long a result may take before Transaction Status is asked, how often, and how many times. */
  refundResultWaitSeconds: number;
  refundQueryEverySeconds: number;
  refundMaxQueries: number;
  /** Why refunds are off (no initiator configured), or null when they work. */
  refundsOffReason: string | null;
  now: () => Date;
};

let current: PaymentsContext | undefined;

export function payments(): PaymentsContext {
  current ??= {
    daraja: createDarajaClient(env.mpesa),
    callbackBaseUrl: env.publicUrl,
    reservationMinutes: env.limits.reservationMinutes,
    promptsPerPhone: env.limits.promptsPerPhone,
    checkoutsPerIp: env.limits.checkoutsPerIp,
    limitWindowMinutes: env.limits.windowMinutes,
    maxQuantityPerLine: env.limits.maxQuantityPerLine,
    maxItemsPerOrder: env.limits.maxItemsPerOrder,
    openOrdersPerPhone: env.limits.openOrdersPerPhone,
    openOrdersPerIp: env.limits.openOrdersPerIp,
    phonesPerIp: env.limits.phonesPerIp,
    reservedUnitsPerIp: env.limits.reservedUnitsPerIp,
    podOrdersPerPhone: env.limits.podOrdersPerPhone,
    podOrdersPerIp: env.limits.podOrdersPerIp,
    numberChangesPerOrder: env.limits.numberChangesPerOrder,
    refundResultWaitSeconds: 120,
    refundQueryEverySeconds: 60,
    refundMaxQueries: 5,
    refundsOffReason: env.mpesa.refundsOffReason,
    now: () => new Date(),
  };
  return current;
}

/** Tests and benchmarks point the flow at their own emulator, URL or clock. */
export function configurePayments(overrides: Partial<PaymentsContext>) {
  current = { ...payments(), ...overrides };
}

export { secondsAfter } from "./time";
