import "server-only";
import { prisma } from "@/lib/db";
import type { StatusCheckPurpose } from "@/lib/generated/prisma/client";
import { hashToken, newCallbackToken } from "../shared/identifiers";
import { payments } from "../shared/context";
import { resultUrls } from "./urls";

type CheckTarget = {
  purpose: StatusCheckPurpose;
  refundId?: string;
  orderId?: string;
  clientIp?: string | null;
} & (
  | { transactionId: string; originatorConversationId?: never }
  | { originatorConversationId: string; transactionId?: never }
);

/**
 * Asks Daraja's Transaction Status about a transaction; the answer comes later to this check's own secret
 * URL. The check is stored first, so an answer can never arrive for a check we do not know.
 */
export async function startStatusCheck(target: CheckTarget): Promise<{ ok: boolean; checkId: string }> {
  const token = newCallbackToken();
  const check = await prisma.statusCheck.create({
    data: {
      purpose: target.purpose,
      refundId: target.refundId ?? null,
      orderId: target.orderId ?? null,
      transactionId: target.transactionId ?? null,
      originatorConversationId: target.originatorConversationId ?? null,
      clientIp: target.clientIp ?? null,
      tokenHash: hashToken(token),
    },
  });
  const lookup = target.transactionId
    ? { transactionId: target.transactionId }
    : { originatorConversationId: target.originatorConversationId! };
  const answer = await payments().daraja.transactionStatus({
    ...resultUrls(token),
    ...lookup,
    remarks: "Status check",
  });
  if (answer.outcome !== "accepted") {
    const why =
      answer.outcome === "rejected" ? (answer.error.errorMessage ?? answer.error.kind) : answer.detail;
    await prisma.statusCheck.update({
      where: { id: check.id },
      data: { answered: true, outcome: `not sent: ${why}` },
    });
    return { ok: false, checkId: check.id };
  }
  return { ok: true, checkId: check.id };
}
