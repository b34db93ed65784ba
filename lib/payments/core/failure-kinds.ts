import { type DarajaError, type ResultReason, describeResultCode } from "@/lib/daraja";
import type { FailureKind } from "@/lib/generated/prisma/enums";

export type { FailureKind };

const BY_RESULT_REASON: Record<ResultReason, FailureKind> = {
  paid: "UNKNOWN",
  cancelled: "SHOPPER_DECLINED",
  wrong_pin: "SHOPPER_DECLINED",
  insufficient_funds: "SHOPPER_ACCOUNT",
  limits: "SHOPPER_ACCOUNT",
  duplicate_wait: "SHOPPER_ACCOUNT",
  pin_locked: "SHOPPER_ACCOUNT",
  expired: "NOT_ANSWERED",
  unreachable: "NOT_ANSWERED",
  prompt_failed: "NOT_ANSWERED",
  session_open: "NOT_ANSWERED",
  seller_config: "SHOP_CONFIGURATION",
  unknown: "UNKNOWN",
};

/** What a result code (callback or query) says about who the failure belongs to. */
export function failureKindOfResult(reason: ResultReason): FailureKind {
  return BY_RESULT_REASON[reason];
}

/** Daraja refused the push: our configuration when it says so, otherwise Daraja's own refusal. */
export function failureKindOfPushError(error: DarajaError): FailureKind {
  if (error.kind === "wrong_credentials") return "SHOP_CONFIGURATION";
  if (error.kind === "invalid_request" && error.blamesShop) return "SHOP_CONFIGURATION";
  return "DARAJA_REFUSED";
}

/** The reason in the seller's words: what happened, and whether the seller can do something about it. */
export const SELLER_REASONS: Record<FailureKind, string> = {
  SHOPPER_DECLINED: "The shopper cancelled the prompt or entered a wrong PIN",
  SHOPPER_ACCOUNT: "The shopper's M-Pesa account refused it (balance, limits or a locked PIN)",
  NOT_ANSWERED: "The prompt was not answered (phone off or unreachable, or it timed out)",
  DARAJA_REFUSED: "M-Pesa refused the request (busy or unavailable); the shopper can try again",
  SHOP_CONFIGURATION: "The shop's M-Pesa settings are wrong: check the shortcode, passkey and API keys",
  AMOUNT_MISMATCH: "M-Pesa reported a different amount than the order's: check and refund",
  UNKNOWN: "M-Pesa gave a reason this shop does not know",
};

/** The seller's reason for a failed attempt; rows written without a kind (older seeds) fall back to the code. */
export function sellerReason(failureKind: FailureKind | null | undefined, resultCode: string | null): string {
  const kind =
    failureKind ?? (resultCode ? failureKindOfResult(describeResultCode(resultCode).reason) : "UNKNOWN");
  return SELLER_REASONS[kind];
}
