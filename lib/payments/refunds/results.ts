import "server-only";
import { timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import {
  b2cFacts,
  describeInitiatorResult,
  type InitiatorResult,
  parseInitiatorResult,
  transactionFacts,
} from "@/lib/daraja";
import type { Refund, StatusCheck } from "@/lib/generated/prisma/client";
import { applyRefundOutcome, type RefundOutcome } from "../core/refunds";
import { storable } from "../shared/incoming";
import { hashToken } from "../shared/identifiers";
import { logPaymentEvent } from "../shared/payment-log";
import { applyTypedCodeResult } from "./typed-codes";

export type IncomingResult = {
  token: string;
  kind: "done" | "timeout";
  rawBody: string;
  sourceIp: string | null;
};

const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));

/**
 * A Result POSTed to one of our initiator URLs: matched by its secret token (compared in constant time),
 * stored before anything is decided, then applied once. Never throws for a bad body.
 */
export async function receiveInitiatorResult(input: IncomingResult): Promise<string> {
  const tokenHash = hashToken(input.token);
  const [refund, check] = await Promise.all([
    prisma.refund.findUnique({ where: { resultToken: tokenHash } }),
    prisma.statusCheck.findUnique({ where: { tokenHash } }),
  ]);
  const known = refund ?? check;
  const storedHash = refund?.resultToken ?? check?.tokenHash;
  if (!known || !storedHash || !sameHash(storedHash, tokenHash)) {
    logPaymentEvent({ event: "initiator.result", verdict: "unknown token", sourceIp: input.sourceIp });
    return "unknown token";
  }
  const event = await prisma.initiatorResultEvent.create({
    data: {
      kind: check ? `status-${input.kind}` : input.kind,
      refundId: refund?.id ?? check?.refundId ?? null,
      checkId: check?.id ?? null,
      rawBody: storable(input.rawBody).slice(0, 64 * 1024),
      sourceIp: input.sourceIp,
    },
  });
  let verdict: string;
  try {
    verdict = refund ? await applyToRefund(refund, input) : await applyToCheck(check!, input);
  } catch (e) {
    // Stored: the reconcile job's Transaction Status query settles what could not be applied now.
    verdict = `not applied: ${e instanceof Error ? e.message.slice(0, 200) : "error"}`;
  }
  await prisma.initiatorResultEvent
    .update({ where: { id: event.id }, data: { verdict: verdict.slice(0, 300) } })
    .catch(() => undefined);
  logPaymentEvent({ event: "initiator.result", verdict, refund: refund?.id, check: check?.id });
  return verdict;
}

function parseBody(rawBody: string): InitiatorResult | string {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return "not JSON";
  }
  const parsed = parseInitiatorResult(body);
  return parsed.ok ? parsed.result : parsed.error;
}

/** The result must be about this refund's request, when we know its ids. */
function aboutThisRefund(refund: Refund, result: InitiatorResult): boolean {
  if (!refund.originatorConversationId) return true;
  return (
    result.originatorConversationId === refund.originatorConversationId ||
    (!!refund.conversationId && result.conversationId === refund.conversationId)
  );
}

async function applyToRefund(refund: Refund, input: IncomingResult): Promise<string> {
  if (input.kind === "timeout") {
    // M-PESA's queue timed out: the outcome is unknown until Transaction Status says; ask at the next run.
    await prisma.refund.updateMany({ where: { id: refund.id }, data: { lastQueriedAt: null } });
    return "queue timeout: status query due";
  }
  const result = parseBody(input.rawBody);
  if (typeof result === "string") return `unreadable: ${result}`;
  if (!aboutThisRefund(refund, result)) return "ids do not match this refund";
  const outcome: RefundOutcome =
    result.resultCode === "0"
      ? {
          kind: "succeeded",
          receipt: refund.method === "B2C" ? b2cFacts(result).receipt || null : result.transactionId || null,
          detail: result.resultDesc || "Sent",
        }
      : {
          kind: "failed",
          resultCode: result.resultCode,
          resultDesc: result.resultDesc,
          sellerMessage: describeInitiatorResult(result.resultCode, result.resultDesc),
        };
  return (await applyRefundOutcome(refund.id, outcome)) ? `applied: ${outcome.kind}` : "duplicate";
}

async function applyToCheck(check: StatusCheck, input: IncomingResult): Promise<string> {
  if (check.answered) return "duplicate";
  const result = input.kind === "timeout" ? "queue timeout" : parseBody(input.rawBody);
  await prisma.statusCheck.update({
    where: { id: check.id },
    data: { answered: true, outcome: typeof result === "string" ? result : `code ${result.resultCode}` },
  });
  if (typeof result === "string") return `status: ${result}`;
  if (check.purpose === "TYPED_CODE") return applyTypedCodeResult(check, result);
  if (!check.refundId) return "status: no refund";
  return applyStatusToRefund(check.refundId, result);
}

/** What Transaction Status says about a refund whose result never came. */
async function applyStatusToRefund(refundId: string, result: InitiatorResult): Promise<string> {
  if (result.resultCode !== "0") return `status: code ${result.resultCode}, still unknown`;
  const refund = await prisma.refund.findUniqueOrThrow({ where: { id: refundId } });
  const facts = transactionFacts(result);
  const status = facts.status.toLowerCase();
  let outcome: RefundOutcome | null = null;
  if (refund.method === "B2C" && status === "completed")
    outcome = {
      kind: "succeeded",
      receipt: facts.receipt || null,
      detail: "Confirmed by Transaction Status",
    };
  else if (refund.method === "REVERSAL" && status === "reversed")
    outcome = { kind: "succeeded", receipt: null, detail: "M-Pesa shows the payment reversed" };
  else if (refund.method === "B2C" && status === "failed")
    outcome = {
      kind: "failed",
      resultCode: "status",
      resultDesc: "Transaction Status: failed",
      sellerMessage: "M-Pesa says this refund did not go through; nothing left your account.",
    };
  if (!outcome) return `status: ${facts.status || "no status"}, still unknown`;
  return (await applyRefundOutcome(refundId, outcome))
    ? `status applied: ${outcome.kind}`
    : "status: duplicate";
}
