// A record of every Daraja call the emulator received (phones masked), for tests and the control API to read.
export interface CallLogEntry {
  id: number;
  time: string;
  method: string;
  path: string;
  /** null when a fault withheld the answer (hang) or cut the connection (drop). */
  status: number | null;
  errorCode: string | null;
  checkoutRequestId: string | null;
  fault: string | null;
  warnings: string[];
}

const MAX_ENTRIES = 10_000;

export function maskPhone(phone: string): string {
  return phone.length > 9 ? `${phone.slice(0, 6)}***${phone.slice(-3)}` : phone;
}

export class CallLog {
  private entries: CallLogEntry[] = [];
  private nextId = 1;

  constructor(private readonly print: (line: string) => void) {}

  record(
    entry: Omit<CallLogEntry, "id" | "time">,
    details: { phone?: string; amount?: number } = {},
  ): CallLogEntry {
    const full = { id: this.nextId++, time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    // A long demo must not grow memory without bound.
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    this.print(describe(full, details));
    return full;
  }

  list(): CallLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

function describe(entry: CallLogEntry, details: { phone?: string; amount?: number }): string {
  const parts = [entry.method, entry.path, entry.status ?? "-", entry.errorCode, entry.checkoutRequestId];
  if (details.phone) parts.push(maskPhone(details.phone));
  if (details.amount !== undefined) parts.push(`KES ${details.amount}`);
  if (entry.fault) parts.push(`fault=${entry.fault}`);
  for (const warning of entry.warnings) parts.push(`warning: ${warning}`);
  return parts.filter((part) => part !== null && part !== undefined).join(" ");
}
