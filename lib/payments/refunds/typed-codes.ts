import "server-only";
import type { InitiatorResult } from "@/lib/daraja";
import type { StatusCheck } from "@/lib/generated/prisma/client";

/** A shopper's typed M-Pesa code, as Transaction Status described it (part 5 of issue 25). */
export async function applyTypedCodeResult(check: StatusCheck, result: InitiatorResult): Promise<string> {
  return `typed code ${check.transactionId ?? ""}: code ${result.resultCode} (not applied yet)`;
}
