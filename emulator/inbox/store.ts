// The messages (SMS and email) the shop sent, kept in memory.
import { z } from "zod";

/** A message the local gateways accepted, as GET /__control/inbox returns it. */
export interface InboxMessage {
  id: string;
  channel: "sms" | "email";
  to: string;
  from: string;
  subject?: string;
  text: string;
  html?: string;
  at: string;
}

const inboxFaultSchema = z.object({
  target: z.enum(["sms", "email"]),
  /**
   * error: the gateway fails (SMS: HTTP 500, email: 451); timeout: it never answers; reject: it refuses the recipient;
   * undelivered (SMS only): it accepts the message, then its delivery report says Failed.
   */
  kind: z.enum(["error", "timeout", "reject", "undelivered"]),
  /** How many sends it hits; without it: 1, or every send when a probability is given. */
  count: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  /** Only sends to this recipient (phone digits or email). */
  to: z.string().min(1).optional(),
  /** reject on SMS: the per-recipient statusCode (default 406 UserInBlacklist; 405 InsufficientBalance is retryable). */
  statusCode: z.number().int().optional(),
  /** undelivered: the delivery report's failureReason (default AbsentSubscriber). */
  failureReason: z.string().min(1).optional(),
  /** timeout: answer with an error after this long (default: hold until the client gives up). */
  hangMs: z.number().int().nonnegative().optional(),
});
export type InboxFault = z.infer<typeof inboxFaultSchema>;
type ActiveInboxFault = InboxFault & { remaining: number | null };

/** Phones match with or without their "+"; emails without case. */
const sameRecipient = (a: string, b: string) =>
  a.replace(/^\+/, "").toLowerCase() === b.replace(/^\+/, "").toLowerCase();

/** Every SMS and email the local gateways received, newest last, and the faults they are told to play. */
export class Inbox {
  private messages: InboxMessage[] = [];
  private faults: ActiveInboxFault[] = [];
  private seq = 0;

  add(message: Omit<InboxMessage, "id" | "at">): InboxMessage {
    const stored = { ...message, id: `msg-${++this.seq}`, at: new Date().toISOString() };
    this.messages.push(stored);
    if (this.messages.length > 5000) this.messages.shift();
    return stored;
  }

  list(to?: string | null): InboxMessage[] {
    return to ? this.messages.filter((m) => sameRecipient(m.to, to)) : [...this.messages];
  }

  clear(): void {
    this.messages = [];
  }

  addFault(spec: unknown): InboxFault {
    const fault = inboxFaultSchema.parse(spec);
    const remaining = fault.count ?? (fault.probability === undefined ? 1 : null);
    this.faults.push({ ...fault, remaining });
    return fault;
  }

  listFaults(): InboxFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The fault this send plays, if any (and spends it). */
  takeFault(target: "sms" | "email", to: string): InboxFault | null {
    const fault = this.faults.find(
      (f) =>
        f.target === target &&
        (f.to === undefined || sameRecipient(f.to, to)) &&
        (f.probability === undefined || Math.random() < f.probability),
    );
    if (!fault) return null;
    if (fault.remaining !== null && --fault.remaining <= 0)
      this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
