/** One message to one recipient, as a channel sends it. */
export type OutgoingMessage = { to: string; subject?: string | null; text: string; html?: string | null };

/**
 * What the gateway said. `retry: false` means sending again cannot help (a bad number, a blacklisted
 * recipient); everything else (outage, timeout, no credit) is worth another try later.
 */
export type SendResult =
  { ok: true; providerId: string | null } | { ok: false; retry: boolean; reason: string };

export interface Channel {
  send(message: OutgoingMessage): Promise<SendResult>;
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);
