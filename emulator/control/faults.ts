// Faults a test can switch on: slow, failing or dropped answers and callbacks.
import { z } from "zod";
import { timerMs } from "../timer-ms";

const reach = {
  /** How many calls it applies to; without it: 1, or every call when a probability is given. */
  count: z.number().int().positive().optional(),
  /** Share of matching calls it hits, 0..1. */
  probability: z.number().min(0).max(1).optional(),
};

const apiFaultSchema = z.object({
  target: z.enum(["oauth", "push", "query", "c2b", "initiator"]),
  kind: z.enum(["error", "rateLimit", "spikeArrest", "quota", "hang", "drop"]),
  ...reach,
  /** Whether Daraja still processed the call (creating the prompt) although the client never sees the answer. */
  accepted: z.boolean().optional(),
  /** hang only: send the held answer after this long; without it the socket is held until reset or stop. */
  hangMs: timerMs.optional(),
});

const callbackFaultSchema = z.object({
  target: z.literal("callback"),
  /** cut: the headers and half the body, then a hang-up (as for confirmations, below). */
  kind: z.enum(["delay", "drop", "duplicate", "wrongAmount", "cut"]),
  ...reach,
  delayMs: timerMs.optional(),
  /** wrongAmount only: the Amount to report; without it the real amount minus one. */
  amount: z.number().positive().optional(),
});

/**
 * Results of Reversal, B2C and Transaction Status; queueTimeout sends a notice to QueueTimeOutURL instead;
 * timeless sends the Result with its times (InitiatedTime, FinalisedTime...) empty, as if unreadable.
 */
const resultFaultSchema = z.object({
  target: z.literal("result"),
  kind: z.enum(["delay", "drop", "duplicate", "queueTimeout", "timeless"]),
  ...reach,
  delayMs: timerMs.optional(),
});

/**
 * Pay Bill and Buy Goods confirmations: cut sends the headers and half the body, then hangs up, as M-Pesa
 * does when the shop is slower than its wait (a cold start): the money has moved, its details never arrive.
 */
const confirmationFaultSchema = z.object({
  target: z.literal("confirmation"),
  kind: z.literal("cut"),
  ...reach,
});

export const faultSpecSchema = z.union([
  apiFaultSchema,
  callbackFaultSchema,
  resultFaultSchema,
  confirmationFaultSchema,
]);
export type FaultSpec = z.input<typeof faultSpecSchema>;
export type ApiName = z.infer<typeof apiFaultSchema>["target"];
export type ApiFaultKind = z.infer<typeof apiFaultSchema>["kind"];

export interface ActiveFault {
  id: number;
  spec: FaultSpec;
  /** null: until reset. */
  remaining: number | null;
  applied: number;
}

export interface ApiFaultHit {
  kind: ApiFaultKind;
  accepted: boolean;
  hangMs: number | null;
  label: string;
}

export interface CallbackEffects {
  delayMs: number;
  drop: boolean;
  duplicate: boolean;
  wrongAmount: boolean;
  cut: boolean;
  amount: number | undefined;
  labels: string[];
}

export interface ResultEffects {
  delayMs: number;
  drop: boolean;
  duplicate: boolean;
  queueTimeout: boolean;
  timeless: boolean;
  labels: string[];
}

export class FaultBook {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const parsed = faultSpecSchema.parse(spec);
    const remaining = parsed.count ?? (parsed.probability === undefined ? 1 : null);
    const fault = { id: this.nextId++, spec: parsed, remaining, applied: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  takeApiFault(target: ApiName): ApiFaultHit | null {
    const fault = this.faults.find((f) => f.spec.target === target && this.fires(f));
    if (!fault || fault.spec.target === "callback" || fault.spec.target === "result") return null;
    if (fault.spec.target === "confirmation") return null;
    this.consume(fault);
    const { kind, accepted, hangMs } = fault.spec;
    const wasAccepted = accepted ?? (kind === "hang" || kind === "drop");
    const label =
      kind === "hang" || kind === "drop" ? `${kind} (${wasAccepted ? "accepted" : "not accepted"})` : kind;
    return { kind, accepted: wasAccepted, hangMs: hangMs ?? null, label };
  }

  /** wrongAmount is only spent on successful callbacks: a failure carries no Amount to falsify. */
  takeCallbackEffects(success: boolean): CallbackEffects {
    const effects: CallbackEffects = {
      delayMs: 0,
      drop: false,
      duplicate: false,
      wrongAmount: false,
      cut: false,
      amount: undefined,
      labels: [],
    };
    for (const fault of this.faults) {
      const spec = fault.spec;
      if (spec.target !== "callback" || (spec.kind === "wrongAmount" && !success) || !this.fires(fault))
        continue;
      this.consume(fault);
      if (spec.kind === "delay") effects.delayMs += spec.delayMs ?? 0;
      if (spec.kind === "drop") effects.drop = true;
      if (spec.kind === "duplicate") effects.duplicate = true;
      if (spec.kind === "cut") effects.cut = true;
      if (spec.kind === "wrongAmount") Object.assign(effects, { wrongAmount: true, amount: spec.amount });
      effects.labels.push(spec.kind === "delay" ? `delay ${spec.delayMs ?? 0}ms` : spec.kind);
    }
    return effects;
  }

  /** Whether the next confirmation is cut off halfway through its body. */
  takeConfirmationCut(): boolean {
    const fault = this.faults.find((f) => f.spec.target === "confirmation" && this.fires(f));
    if (fault) this.consume(fault);
    return !!fault;
  }

  takeResultEffects(): ResultEffects {
    const effects: ResultEffects = {
      delayMs: 0,
      drop: false,
      duplicate: false,
      queueTimeout: false,
      timeless: false,
      labels: [],
    };
    for (const fault of this.faults) {
      const spec = fault.spec;
      if (spec.target !== "result" || !this.fires(fault)) continue;
      this.consume(fault);
      if (spec.kind === "delay") effects.delayMs += spec.delayMs ?? 0;
      else effects[spec.kind] = true;
      effects.labels.push(spec.kind === "delay" ? `delay ${spec.delayMs ?? 0}ms` : spec.kind);
    }
    return effects;
  }

  private fires(fault: ActiveFault): boolean {
    if (fault.remaining !== null && fault.remaining <= 0) return false;
    return fault.spec.probability === undefined || Math.random() < fault.spec.probability;
  }

  private consume(fault: ActiveFault): void {
    fault.applied++;
    if (fault.remaining !== null) fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining === null || f.remaining > 0);
  }
}
