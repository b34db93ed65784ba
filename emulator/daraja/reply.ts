// Writes Daraja's JSON answers and error bodies.
import type { DarajaError } from "./errors";

/** What a Daraja endpoint answers, plus what the call log and the gateway need to know. */
export interface DarajaReply {
  status: number;
  body: unknown;
  errorCode?: string;
  checkoutRequestId?: string;
  phone?: string;
  amount?: number;
  warnings?: string[];
  /** Runs once the answer is on the wire (or withheld by a fault), so no callback can overtake it. */
  afterSend?: () => void;
}

export function errorReply(
  error: DarajaError,
  requestId: string,
  extra: Partial<DarajaReply> = {},
): DarajaReply {
  const { status, errorCode, errorMessage } = error;
  return { ...extra, status, errorCode, body: { requestId, errorCode, errorMessage } };
}
