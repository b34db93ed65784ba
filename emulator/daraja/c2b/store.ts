// The registered C2B URLs and the C2B payments made, kept in memory.
export type ResponseType = "Completed" | "Cancelled";

export interface C2bRegistration {
  shortcode: string;
  responseType: ResponseType;
  confirmationUrl: string;
  validationUrl: string;
  /** The registerurl path version used: v1 or v2. */
  version: string;
  registeredAt: string;
}

export type C2bTransactionType = "Pay Bill" | "Buy Goods";

/** What M-PESA POSTs to the validation and confirmation URLs (the same shape for both). */
export interface C2bNotificationBody {
  TransactionType: C2bTransactionType;
  TransID: string;
  TransTime: string;
  TransAmount: string;
  BusinessShortCode: string;
  BillRefNumber: string;
  InvoiceNumber: string;
  OrgAccountBalance: string;
  ThirdPartyTransID: string;
  MSISDN: string;
  FirstName: string;
  MiddleName: string;
  LastName: string;
}

export interface C2bPost {
  url: string;
  status: number | null;
  error: string | null;
  latencyMs: number;
  responseBody: string | null;
}

/**
 * completed: the money moved and the confirmation was attempted (see confirmation for how it went).
 * refused: validation rejected it (or timed out with ResponseType Cancelled): no money moved.
 * unregistered: the money moved but no URLs were registered, so nobody was told.
 */
export type C2bOutcome = "completed" | "refused" | "unregistered";

export interface C2bTransaction {
  transId: string;
  transactionType: C2bTransactionType;
  /** The number the customer paid: a paybill, or a till. */
  paidTo: string;
  shortcode: string;
  billRefNumber: string;
  amount: number;
  phone: string;
  outcome: C2bOutcome;
  /** Why it was refused: the validation ResultCode, or "timeout (ResponseType Cancelled)". */
  refusal: string | null;
  validation: C2bPost | null;
  confirmation: C2bPost | null;
  body: C2bNotificationBody;
  createdAt: string;
}

const MAX_TRANSACTIONS = 10_000;

export class C2bStore {
  private readonly registrations = new Map<string, C2bRegistration>();
  private readonly balances = new Map<string, number>();
  private transactions: C2bTransaction[] = [];

  register(registration: C2bRegistration): void {
    this.registrations.set(registration.shortcode, registration);
  }

  registrationOf(shortcode: string): C2bRegistration | undefined {
    return this.registrations.get(shortcode);
  }

  listRegistrations(): C2bRegistration[] {
    return [...this.registrations.values()];
  }

  /** The organisation's balance after crediting amount, as OrgAccountBalance reports it. */
  credit(shortcode: string, amount: number): number {
    const balance = (this.balances.get(shortcode) ?? 0) + amount;
    this.balances.set(shortcode, balance);
    return balance;
  }

  balanceOf(shortcode: string): number {
    return this.balances.get(shortcode) ?? 0;
  }

  record(transaction: C2bTransaction): void {
    this.transactions.push(transaction);
    if (this.transactions.length > MAX_TRANSACTIONS) this.transactions.shift();
  }

  list(phone?: string): C2bTransaction[] {
    return this.transactions.filter((t) => phone === undefined || t.phone === phone);
  }

  /** Payments are forgotten on reset; registrations stay, like issued tokens (the app registered once). */
  clearTransactions(): void {
    this.transactions = [];
    this.balances.clear();
  }
}
