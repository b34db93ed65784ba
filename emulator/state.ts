// The emulator's state in memory: prompts, C2B, tokens, logs, faults.
import type { ServerResponse } from "node:http";
import type { DeliveryRecord } from "./daraja/stk/callback-shape";
import { C2bStore } from "./daraja/c2b/store";
import { CallLog } from "./control/call-log";
import { FaultBook } from "./control/faults";
import { IdFactory } from "./daraja/ids";
import { MoneyOutStore } from "./daraja/money-out/store";
import type { EmulatorOptions } from "./options";
import type { Outcome } from "./daraja/stk/outcomes";
import { PromptStore } from "./daraja/stk/prompt-store";
import { TokenStore } from "./daraja/token-store";

export interface PhoneRule {
  outcome: Outcome;
  /** Default: 0, or promptTimeoutMs for the timeout outcome. */
  delayMs?: number;
}

/** An answer withheld by a hang fault. */
export interface HeldResponse {
  res: ServerResponse;
  timer: NodeJS.Timeout | null;
}

export interface EmulatorState {
  options: EmulatorOptions;
  readonly startOptions: EmulatorOptions;
  readonly ids: IdFactory;
  readonly tokens: TokenStore;
  readonly prompts: PromptStore;
  readonly rules: Map<string, PhoneRule>;
  readonly faults: FaultBook;
  readonly calls: CallLog;
  readonly c2b: C2bStore;
  /** Reversals and B2C payments accepted, and the B2C utility balance they draw on. */
  moneyOut: MoneyOutStore;
  deliveries: DeliveryRecord[];
  readonly held: Set<HeldResponse>;
  /** The random source of callback forms, for options.callbackVarietySeed. */
  variety: { seed: number; random: () => number } | null;
  /** Bumped by reset: late work from before (a delayed callback) sees it and stands down. */
  generation: number;
  say(line: string): void;
}

export function createState(options: EmulatorOptions): EmulatorState {
  const state: EmulatorState = {
    options,
    startOptions: options,
    ids: new IdFactory(),
    tokens: new TokenStore(),
    prompts: new PromptStore(),
    rules: new Map(),
    faults: new FaultBook(),
    calls: new CallLog((line) => state.say(line)),
    c2b: new C2bStore(),
    moneyOut: new MoneyOutStore(options.b2cUtilityBalance),
    deliveries: [],
    held: new Set(),
    variety: null,
    generation: 0,
    say: (line) => {
      if (!state.options.quiet) console.log(`[emulator] ${line}`);
    },
  };
  return state;
}

export function releaseHeldResponses(state: EmulatorState): void {
  for (const held of state.held) {
    if (held.timer) clearTimeout(held.timer);
    held.res.socket?.destroy();
  }
  state.held.clear();
}

/** Back to the state at start: no prompts, rules, faults, log, deliveries or C2B payments; tokens and C2B URLs stay. */
export function resetState(state: EmulatorState): void {
  state.generation++;
  state.prompts.clear();
  state.rules.clear();
  state.faults.clear();
  state.calls.clear();
  state.deliveries = [];
  state.c2b.clearTransactions();
  state.moneyOut = new MoneyOutStore(state.startOptions.b2cUtilityBalance);
  state.options = state.startOptions;
  state.variety = null;
  releaseHeldResponses(state);
}
