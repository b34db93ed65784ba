/** Notifications wired to an emulator's local gateways over real HTTP (Africa's Talking) and SMTP. */
import type { EmulatorHandle } from "@/emulator";
import { createAfricasTalkingChannel } from "@/lib/notifications/channels/africastalking";
import { createSmtpChannel } from "@/lib/notifications/channels/smtp";
import type { NotificationsContext } from "@/lib/notifications/context";

export const TEST_SHOP = { shopName: "Test Shop", publicUrl: "https://shop.example.test" };
export const EMULATOR_AT_KEY = "duka-emulator-at-key";

export function localGateways(emulator: EmulatorHandle, timeoutMs = 1500): Partial<NotificationsContext> {
  return {
    sms: createAfricasTalkingChannel({
      baseUrl: emulator.url,
      username: "sandbox",
      apiKey: EMULATOR_AT_KEY,
      timeoutMs,
    }),
    email: createSmtpChannel({
      smtpUrl: `smtp://127.0.0.1:${emulator.smtpPort}`,
      from: "Test Shop <orders@shop.example.test>",
      timeoutMs,
    }),
    ...TEST_SHOP,
  };
}
