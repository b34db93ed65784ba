import type { DarajaError } from "./types";

/** The API operator Duka acts as for money going out and for look-ups (docs/daraja.md 8.1). */
export type InitiatorConfig = {
  name: string;
  securityCredential: string;
  /** PartyA of B2C: some accounts pay out from a shortcode of their own. */
  b2cShortcode: string;
};

type ResultUrls = { resultUrl: string; timeoutUrl: string };

export type ReversalRequest = ResultUrls & {
  /** The M-Pesa receipt of the payment to reverse. */
  transactionId: string;
  amountKes: number;
  remarks: string;
  occasion?: string;
};

export type B2cRequest = ResultUrls & {
  /** Ours, unique per payment (B2C v3): it is how a lost result is looked up later. */
  originatorConversationId: string;
  phone: string;
  amountKes: number;
  remarks: string;
  occasion?: string;
};

export type StatusRequest = ResultUrls & { remarks: string } & (
    | { transactionId: string; originatorConversationId?: never }
    | { originatorConversationId: string; transactionId?: never }
  );

/** Daraja's immediate answer: only "accepted for processing"; the outcome comes later as a Result. */
export type InitiatorSubmit =
  | { outcome: "accepted"; originatorConversationId: string; conversationId: string }
  | { outcome: "rejected"; error: DarajaError }
  | { outcome: "unknown"; reason: "timeout" | "network" | "bad_response"; detail: string };

/** A Result POSTed to ResultURL (or to QueueTimeOutURL), reshaped. */
export type InitiatorResult = {
  resultType: string;
  /** "0" is success; codes are compared as strings. */
  resultCode: string;
  resultDesc: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId: string;
  /** ResultParameters by Key, values as text. */
  parameters: Record<string, string>;
};

export type InitiatorResultParse = { ok: true; result: InitiatorResult } | { ok: false; error: string };

/** What a successful Transaction Status result says about the transaction it looked up. */
export type TransactionFacts = {
  receipt: string;
  amountKes: number | null;
  /** "Completed", "Failed", "Reversed"...: as sent. */
  status: string;
  /** "254708374149 - John Doe" style, as sent. */
  debitPartyName: string;
  creditPartyName: string;
  originatorConversationId: string;
  finalisedAt: Date | null;
};
