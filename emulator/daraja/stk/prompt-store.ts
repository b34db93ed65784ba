// The STK prompts sent to phones, kept in memory, and the ledger tests read.
import type { DeliveryRecord } from "./callback-shape";

export type PromptState = "open" | "paid" | "failed";

export interface Prompt {
  checkoutRequestId: string;
  merchantRequestId: string;
  shortcode: string;
  phone: string;
  amount: number;
  accountReference: string;
  transactionDesc: string;
  callbackUrl: string;
  state: PromptState;
  resultCode: number | string | null;
  resultDesc: string | null;
  receipt: string | null;
  createdAt: Date;
  completedAt: Date | null;
  timesOutAt: Date;
  /** False when Daraja accepts the push but the handset never shows it (AccountReference over 12 chars). */
  shownOnPhone: boolean;
  /** The phone page's "Ignore": hidden there, left to time out. */
  ignored: boolean;
  timers: NodeJS.Timeout[];
  delivery: Promise<DeliveryRecord> | null;
}

export type LedgerEntry = Omit<Prompt, "createdAt" | "completedAt" | "timesOutAt" | "timers" | "delivery"> & {
  createdAt: string;
  completedAt: string | null;
  timesOutAt: string;
};

export interface Ledger {
  entries: LedgerEntry[];
  totals: { count: number; openCount: number; paidCount: number; paidAmount: number; failedCount: number };
}

export function toLedgerEntry(prompt: Prompt): LedgerEntry {
  return {
    checkoutRequestId: prompt.checkoutRequestId,
    merchantRequestId: prompt.merchantRequestId,
    shortcode: prompt.shortcode,
    phone: prompt.phone,
    amount: prompt.amount,
    accountReference: prompt.accountReference,
    transactionDesc: prompt.transactionDesc,
    callbackUrl: prompt.callbackUrl,
    state: prompt.state,
    resultCode: prompt.resultCode,
    resultDesc: prompt.resultDesc,
    receipt: prompt.receipt,
    shownOnPhone: prompt.shownOnPhone,
    ignored: prompt.ignored,
    createdAt: prompt.createdAt.toISOString(),
    completedAt: prompt.completedAt?.toISOString() ?? null,
    timesOutAt: prompt.timesOutAt.toISOString(),
  };
}

export class PromptStore {
  private readonly prompts = new Map<string, Prompt>();

  add(prompt: Prompt): void {
    this.prompts.set(prompt.checkoutRequestId, prompt);
  }

  get(checkoutRequestId: string): Prompt | undefined {
    return this.prompts.get(checkoutRequestId);
  }

  all(): Prompt[] {
    return [...this.prompts.values()];
  }

  /** Oldest first. */
  openFor(phone?: string): Prompt[] {
    return this.all().filter((p) => p.state === "open" && (phone === undefined || p.phone === phone));
  }

  paidSince(phone: string, amount: number, since: Date): boolean {
    return this.all().some(
      (p) =>
        p.state === "paid" &&
        p.phone === phone &&
        p.amount === amount &&
        (p.completedAt?.getTime() ?? 0) >= since.getTime(),
    );
  }

  ledger(phone?: string): Ledger {
    const prompts = this.all().filter((p) => phone === undefined || p.phone === phone);
    const paid = prompts.filter((p) => p.state === "paid");
    return {
      entries: prompts.map(toLedgerEntry),
      totals: {
        count: prompts.length,
        openCount: prompts.filter((p) => p.state === "open").length,
        paidCount: paid.length,
        paidAmount: paid.reduce((sum, p) => sum + p.amount, 0),
        failedCount: prompts.filter((p) => p.state === "failed").length,
      },
    };
  }

  cancelTimers(): void {
    for (const prompt of this.prompts.values()) {
      prompt.timers.forEach(clearTimeout);
      prompt.timers = [];
    }
  }

  clear(): void {
    this.cancelTimers();
    this.prompts.clear();
  }
}
