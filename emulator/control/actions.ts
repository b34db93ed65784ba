// What tests and the phone page may do to the emulator: pay or fail a prompt, pay by hand (C2B), reset, read logs.
import type { DeliveryRecord } from "../daraja/stk/callback-shape";
import type { CallLogEntry } from "./call-log";
import { makeC2bPayment } from "../daraja/c2b/payment";
import type { C2bRegistration, C2bTransaction } from "../daraja/c2b/store";
import type { ActiveFault, FaultSpec } from "./faults";
import type { MoneyOut, MoneyOutListing } from "../daraja/money-out/store";
import { mergeOptions, type EmulatorOptions } from "../options";
import { resultForCode, resultForOutcome, type PromptResult } from "../daraja/stk/outcomes";
import { settlePrompt } from "../daraja/stk/prompt-lifecycle";
import { toLedgerEntry, type Ledger, type LedgerEntry, type Prompt } from "../daraja/stk/prompt-store";
import { resetState, type EmulatorState, type PhoneRule } from "../state";

/** A control request that cannot be honoured; status is the HTTP status the control API answers. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** "idOrPhone": a CheckoutRequestID, or a phone (its oldest open prompt). */
export interface EmulatorControl {
  /** Pays; a PIN equal to options.wrongPin (or not 4 digits) answers 2001 instead. */
  pay(idOrPhone: string, pin?: string): Promise<DeliveryRecord>;
  cancel(idOrPhone: string): Promise<DeliveryRecord>;
  fail(idOrPhone: string, code: number | string): Promise<DeliveryRecord>;
  timeout(idOrPhone: string): Promise<DeliveryRecord>;
  insufficient(idOrPhone: string): Promise<DeliveryRecord>;
  wrongPin(idOrPhone: string): Promise<DeliveryRecord>;
  /** Hides the prompt on the phone page; it still times out to 1037. */
  ignore(idOrPhone: string): LedgerEntry;
  setRule(phone: string, rule: PhoneRule): void;
  clearRules(): void;
  rules(): Record<string, PhoneRule>;
  setAutoPay(ms: number | null): void;
  fault(spec: FaultSpec): ActiveFault;
  faults(): ActiveFault[];
  clearFaults(): void;
  reset(): void;
  log(): CallLogEntry[];
  ledger(phone?: string): Ledger;
  deliveries(): DeliveryRecord[];
  /** Open prompts, oldest first. */
  prompts(phone?: string): LedgerEntry[];
  expireTokens(): void;
  /** Lipa na M-Pesa, Pay Bill: resolves once validation and confirmation were attempted. */
  payBill(
    business: string,
    account: string,
    amount: number,
    phone: string,
    pin?: string,
  ): Promise<C2bTransaction>;
  /** Lipa na M-Pesa, Buy Goods: no account number. */
  buyGoods(till: string, amount: number, phone: string, pin?: string): Promise<C2bTransaction>;
  c2bPayments(phone?: string): C2bTransaction[];
  c2bRegistrations(): C2bRegistration[];
  /** Every Reversal and B2C request accepted, as GET /__control/money-out lists them. */
  moneyOut(): MoneyOutListing[];
  /** The same with who received what (the phone page), optionally for one phone. */
  moneyOutDetails(phone?: string): MoneyOut[];
  /** The next Reversal or B2C fails with this ResultCode (and description). */
  failNextResult(resultCode: string, resultDesc?: string): void;
  /** The B2C utility account's balance; setting it lets it run out on purpose. */
  setB2cBalance(amount: number): number;
  b2cBalance(): number;
  /** port and host cannot change while running. */
  setOptions(partial: Partial<EmulatorOptions>): EmulatorOptions;
  options(): EmulatorOptions;
}

/** Accepts 2547..., +2547..., 07... and 7... */
export function normalizePhone(text: string): string {
  const digits = text.replace(/[\s+-]/g, "");
  if (/^0[17]\d{8}$/.test(digits)) return `254${digits.slice(1)}`;
  if (/^[17]\d{8}$/.test(digits)) return `254${digits}`;
  return digits;
}

function openPrompt(state: EmulatorState, idOrPhone: string, byShopper = false): Prompt {
  const target = idOrPhone.trim();
  if (target.startsWith("ws_CO_")) {
    const prompt = state.prompts.get(target);
    if (!prompt) throw new ControlError(`No prompt ${target}`, 404);
    if (prompt.state !== "open") throw new ControlError(`Prompt ${target} is already ${prompt.state}`, 409);
    return prompt;
  }
  // A phone's shopper can only answer the prompts the handset shows.
  const prompt = state.prompts.openFor(normalizePhone(target)).find((p) => p.shownOnPhone || !byShopper);
  if (!prompt) throw new ControlError(`No open prompt for ${target}`, 404);
  return prompt;
}

function checkManualPayment(
  state: EmulatorState,
  number: string,
  amount: number,
  phone: string,
  pin?: string,
) {
  if (!/^\d{5,8}$/.test(number)) throw new ControlError(`${number} is not a business or till number`, 400);
  if (!Number.isInteger(amount) || amount < 1 || amount > 250_000)
    throw new ControlError("Amount must be whole shillings from 1 to 250,000", 400);
  if (!/^254[17]\d{8}$/.test(phone)) throw new ControlError(`${phone} is not an M-PESA number`, 400);
  if (pin !== undefined && (pin === state.options.wrongPin || !/^\d{4}$/.test(pin)))
    throw new ControlError("Wrong PIN: no payment was made", 400);
}

export function createControl(state: EmulatorState): EmulatorControl {
  // async so a bad target rejects instead of throwing: callers can always await.
  const settle = async (
    idOrPhone: string,
    result: PromptResult,
    byShopper = true,
  ): Promise<DeliveryRecord> => {
    const prompt = openPrompt(state, idOrPhone, byShopper);
    // The handset never showed it (AccountReference over 12 characters): nobody can answer it.
    if (byShopper && !prompt.shownOnPhone)
      throw new ControlError(`Prompt ${prompt.checkoutRequestId} never showed on the phone`, 409);
    const delivery = settlePrompt(state, prompt, result);
    if (!delivery) throw new ControlError(`Prompt ${prompt.checkoutRequestId} is already settled`, 409);
    return delivery;
  };
  const setOptions = (partial: Partial<EmulatorOptions>): EmulatorOptions => {
    const changeable = { ...partial };
    delete changeable.port;
    delete changeable.host;
    state.options = mergeOptions(state.options, changeable);
    return state.options;
  };

  return {
    pay: (target, pin) => {
      const wrong = pin !== undefined && (pin === state.options.wrongPin || !/^\d{4}$/.test(pin));
      return settle(target, resultForOutcome(wrong ? "wrong_pin" : "pay"));
    },
    cancel: (target) => settle(target, resultForOutcome("cancel")),
    fail: (target, code) => settle(target, resultForCode(code), false),
    timeout: (target) => settle(target, resultForOutcome("timeout"), false),
    insufficient: (target) => settle(target, resultForOutcome("insufficient")),
    wrongPin: (target) => settle(target, resultForOutcome("wrong_pin")),
    ignore: (target) => {
      const prompt = openPrompt(state, target);
      prompt.ignored = true;
      return toLedgerEntry(prompt);
    },
    setRule: (phone, rule) => void state.rules.set(normalizePhone(phone), rule),
    clearRules: () => state.rules.clear(),
    rules: () => Object.fromEntries(state.rules),
    setAutoPay: (ms) => void setOptions({ autoPayMs: ms }),
    fault: (spec) => state.faults.add(spec),
    faults: () => state.faults.list(),
    clearFaults: () => state.faults.clear(),
    reset: () => resetState(state),
    log: () => state.calls.list(),
    ledger: (phone) => state.prompts.ledger(phone === undefined ? undefined : normalizePhone(phone)),
    deliveries: () => [...state.deliveries],
    prompts: (phone) =>
      state.prompts.openFor(phone === undefined ? undefined : normalizePhone(phone)).map(toLedgerEntry),
    expireTokens: () => state.tokens.expireAll(new Date()),
    payBill: async (business, account, amount, phone, pin) => {
      const msisdn = normalizePhone(phone);
      checkManualPayment(state, business.trim(), amount, msisdn, pin);
      return makeC2bPayment(state, {
        kind: "Pay Bill",
        paidTo: business.trim(),
        account,
        amount,
        phone: msisdn,
      });
    },
    buyGoods: async (till, amount, phone, pin) => {
      const msisdn = normalizePhone(phone);
      checkManualPayment(state, till.trim(), amount, msisdn, pin);
      return makeC2bPayment(state, {
        kind: "Buy Goods",
        paidTo: till.trim(),
        account: "",
        amount,
        phone: msisdn,
      });
    },
    c2bPayments: (phone) => state.c2b.list(phone === undefined ? undefined : normalizePhone(phone)),
    c2bRegistrations: () => state.c2b.listRegistrations(),
    moneyOut: () => state.moneyOut.listing(),
    moneyOutDetails: (phone) =>
      state.moneyOut.all().filter((r) => phone === undefined || r.phone === normalizePhone(phone)),
    failNextResult: (resultCode, resultDesc) =>
      state.moneyOut.failNext({
        resultCode,
        resultDesc: resultDesc ?? `Failed by the emulator's control (${resultCode})`,
      }),
    setB2cBalance: (amount) => {
      if (!Number.isInteger(amount) || amount < 0)
        throw new ControlError("Balance must be whole shillings, 0 or more", 400);
      state.moneyOut.utilityBalance = amount;
      return amount;
    },
    b2cBalance: () => state.moneyOut.utilityBalance,
    setOptions,
    options: () => state.options,
  };
}
