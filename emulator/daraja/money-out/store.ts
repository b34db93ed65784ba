export type MoneyOutApi = "reversal" | "b2c";

/** A Reversal or B2C request the emulator accepted, and what it decided. */
export interface MoneyOut {
  api: MoneyOutApi;
  /** Reversal: the receipt reversed. */
  transactionId?: string;
  amount: number;
  /** B2C: the phone paid. */
  partyB?: string;
  originatorConversationId: string;
  conversationId: string;
  resultCode: string;
  resultDesc: string;
  /** The new M-Pesa receipt when it succeeded. */
  receipt: string | null;
  /** Who the money went (or would have gone) to. */
  phone: string | null;
  /** Reversal: ReceiverParty; B2C: PartyA. */
  shortcode: string;
  resultUrl: string;
  timeoutUrl: string;
  createdAt: string;
}

/** What GET /__control/money-out lists for each request, exactly. */
export type MoneyOutListing = Pick<
  MoneyOut,
  "api" | "transactionId" | "amount" | "partyB" | "originatorConversationId" | "resultCode"
>;

export interface ResultFailure {
  resultCode: string;
  resultDesc: string;
}

export class MoneyOutStore {
  private records: MoneyOut[] = [];
  private readonly reversed = new Set<string>();
  private nextFailures: ResultFailure[] = [];
  utilityBalance: number;

  constructor(private readonly startBalance: number) {
    this.utilityBalance = startBalance;
  }

  add(record: MoneyOut): void {
    this.records.push(record);
    if (record.api === "reversal" && record.resultCode === "0" && record.transactionId)
      this.reversed.add(record.transactionId);
  }

  all(): MoneyOut[] {
    return [...this.records];
  }

  listing(): MoneyOutListing[] {
    return this.records.map((r) => ({
      api: r.api,
      ...(r.transactionId ? { transactionId: r.transactionId } : {}),
      amount: r.amount,
      ...(r.partyB ? { partyB: r.partyB } : {}),
      originatorConversationId: r.originatorConversationId,
      resultCode: r.resultCode,
    }));
  }

  wasReversed(receipt: string): boolean {
    return this.reversed.has(receipt);
  }

  byOriginatorConversationId(id: string): MoneyOut | undefined {
    return this.records.findLast((r) => r.originatorConversationId === id);
  }

  byReceipt(receipt: string): MoneyOut | undefined {
    return this.records.find((r) => r.receipt === receipt);
  }

  /** The next Reversal or B2C fails with this code (the CLI's fail-next-result). */
  failNext(failure: ResultFailure): void {
    this.nextFailures.push(failure);
  }

  takeNextFailure(): ResultFailure | undefined {
    return this.nextFailures.shift();
  }

  clear(): void {
    this.records = [];
    this.reversed.clear();
    this.nextFailures = [];
    this.utilityBalance = this.startBalance;
  }
}
