// The emulator's one door: start it, and the types and helpers tests use. Nothing else is imported from outside.
import type { AddressInfo } from "node:net";
import { createControl, type EmulatorControl } from "./control/actions";
import { createSmsGateway } from "./inbox/sms-gateway";
import { startLocalSmtp } from "./inbox/smtp";
import { Inbox } from "./inbox/store";
import { DEFAULT_OPTIONS, mergeOptions, type EmulatorOptions } from "./options";
import { createEmulatorServer } from "./server";
import { createState, releaseHeldResponses } from "./state";
import { timerOptionProblem } from "./timer-ms";

export type { DeliveryRecord, StkCallbackBody, CallbackItem } from "./daraja/stk/callback-shape";
export type { CallLogEntry } from "./control/call-log";
export type { C2bNotificationBody, C2bRegistration, C2bTransaction } from "./daraja/c2b/store";
export { ControlError, type EmulatorControl } from "./control/actions";
export type { ActiveFault, FaultSpec } from "./control/faults";
export type { AppCredentials, EmulatorOptions } from "./options";
export {
  DEFAULT_CREDENTIALS,
  DEFAULT_OPTIONS,
  SANDBOX_PASSKEY,
  SANDBOX_PHONE,
  SANDBOX_SHORTCODE,
} from "./options";
export type { Outcome } from "./daraja/stk/outcomes";
export type { Ledger, LedgerEntry, PromptState } from "./daraja/stk/prompt-store";
export type { PhoneRule } from "./state";
export type { Inbox, InboxFault, InboxMessage } from "./inbox/store";

export interface EmulatorHandle {
  /** e.g. http://127.0.0.1:4010, the base URL to give the Daraja client. */
  url: string;
  port: number;
  /** In-process control: the same operations as the /__control HTTP API, without the HTTP. */
  control: EmulatorControl;
  /** Every SMS and email the local gateways received, and their fault injection. */
  inbox: Inbox;
  /** The local SMTP server's port (null when started without one). */
  smtpPort: number | null;
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<EmulatorHandle> {
  const resolved = mergeOptions(DEFAULT_OPTIONS, options);
  const problem = timerOptionProblem(resolved);
  if (problem) throw new Error(problem);
  const state = createState(resolved);
  const control = createControl(state);
  const inbox = new Inbox();
  const sms = createSmsGateway(inbox, {
    apiKey: resolved.smsApiKey,
    deliveryUrl: resolved.smsDeliveryUrl,
    deliveryDelayMs: resolved.smsDeliveryDelayMs,
    say: (line) => state.say(line),
  });
  const server = createEmulatorServer(state, control, { inbox, sms });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(resolved.host)}:${port}`;
  state.say(`Daraja emulator on ${url} (phone page: ${url}/phone)`);
  const smtp =
    resolved.smtpPort === null ? null : await startLocalSmtp(inbox, resolved.smtpPort, resolved.host);
  if (smtp)
    state.say(
      `Local SMTP on ${resolved.host}:${smtp.port}, SMS at ${url}/version1/messaging (inbox: ${url}/inbox)`,
    );

  const stop = async (): Promise<void> => {
    state.generation++;
    state.prompts.cancelTimers();
    releaseHeldResponses(state);
    sms.stop();
    await smtp?.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return { url, port, control, inbox, smtpPort: smtp?.port ?? null, stop };
}
