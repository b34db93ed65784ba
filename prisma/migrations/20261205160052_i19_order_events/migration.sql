-- issue 19: an append-only history per order (OrderEvent), flags become events a seller can resolve.

-- CreateEnum
CREATE TYPE "MoneySource" AS ENUM ('STK', 'C2B', 'MPESA_CODE', 'DOOR_PROMPT', 'CASH');

-- CreateEnum
CREATE TYPE "OrderEventKind" AS ENUM ('ORDER_STATUS', 'ATTEMPT_STATUS', 'C2B_STATUS', 'PAYMENT_RECEIVED', 'FLAGGED', 'FLAG_RESOLVED', 'SELLER_ACTION', 'MESSAGE_QUEUED', 'REFUND_REQUESTED', 'REFUND_SENT', 'REFUND_SUCCEEDED', 'REFUND_FAILED');

-- CreateEnum
CREATE TYPE "FlagKind" AS ENUM ('SECOND_PAYMENT', 'LATE_PAYMENT', 'STOCK_GONE', 'AMOUNT_MISMATCH', 'PART_PAYMENT', 'OVERPAID', 'RECEIPT_PENDING', 'LATE_RECEIPT', 'UNCONFIRMED', 'REFUND', 'OTHER');


-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "kind" "OrderEventKind" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "attemptId" TEXT,
    "c2bPaymentId" TEXT,
    "amountKes" INTEGER,
    "source" "MoneySource",
    "reference" TEXT,
    "paymentKey" TEXT,
    "flagKind" "FlagKind",
    "note" TEXT,
    "data" JSONB,
    "resolvesId" TEXT,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderEvent_paymentKey_key" ON "OrderEvent"("paymentKey");

-- CreateIndex
CREATE UNIQUE INDEX "OrderEvent_resolvesId_key" ON "OrderEvent"("resolvesId");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_at_idx" ON "OrderEvent"("orderId", "at");

-- CreateIndex
CREATE INDEX "OrderEvent_kind_at_idx" ON "OrderEvent"("kind", "at");

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_resolvesId_fkey" FOREIGN KEY ("resolvesId") REFERENCES "OrderEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Flags kept as newline-joined text become one FLAGGED event each, timed at the order's last change (the
-- text kept no times), all open: nothing ever cleared needsAttention before.
INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "flagKind", "note")
SELECT 'migrated-flag-' || o."id" || '-' || t.n, o."id", 'FLAGGED', o."updatedAt", 'system', 'OTHER', t.line
FROM "Order" o, unnest(string_to_array(o."attentionReason", E'\n')) WITH ORDINALITY AS t(line, n)
WHERE o."attentionReason" IS NOT NULL AND btrim(t.line) <> '';

INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "flagKind", "note")
SELECT 'migrated-flag-' || o."id", o."id", 'FLAGGED', o."updatedAt", 'system', 'OTHER', 'Flagged for attention (no reason was recorded).'
FROM "Order" o
WHERE o."needsAttention" AND NOT EXISTS (SELECT 1 FROM "OrderEvent" e WHERE e."orderId" = o."id");

UPDATE "Order" o SET "needsAttention" = EXISTS (SELECT 1 FROM "OrderEvent" e WHERE e."orderId" = o."id" AND e."kind" = 'FLAGGED');

-- Money already counted: each succeeded STK attempt and each applied C2B payment.
INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "amountKes", "source", "reference", "paymentKey", "attemptId")
SELECT 'migrated-stk-' || a."id", a."orderId", 'PAYMENT_RECEIVED', COALESCE(a."completedAt", a."updatedAt"), 'M-Pesa (callback)',
  a."amountKes", 'STK', a."receipt", COALESCE('mpesa:' || a."receipt", 'stk-attempt:' || a."id"), a."id"
FROM "PaymentAttempt" a WHERE a."status" = 'SUCCEEDED'
ON CONFLICT DO NOTHING;

INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "amountKes", "source", "reference", "paymentKey", "c2bPaymentId")
SELECT 'migrated-c2b-' || p."id", p."orderId", 'PAYMENT_RECEIVED', COALESCE(p."resolvedAt", p."receivedAt"), COALESCE(p."resolvedBy", 'M-Pesa (C2B)'),
  p."amountKes", 'C2B', p."transId", 'mpesa:' || p."transId", p."id"
FROM "C2bPayment" p WHERE p."status" = 'APPLIED' AND p."orderId" IS NOT NULL
ON CONFLICT DO NOTHING;

-- What the timeline showed before: each attempt's prompt and outcome, the order's outcome, fulfilment steps.
INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "attemptId", "toStatus", "note")
SELECT 'migrated-prompt-' || a."id", a."orderId", 'ATTEMPT_STATUS', COALESCE(a."pushSentAt", a."createdAt"), 'system', a."id", 'PENDING',
  'prompt for KES ' || to_char(a."amountKes", 'FM999,999,999') || ' sent to ' || left(a."phone", 4) || '***' || right(a."phone", 3)
FROM "PaymentAttempt" a;

INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "attemptId", "fromStatus", "toStatus", "data")
SELECT 'migrated-attempt-' || a."id", a."orderId", 'ATTEMPT_STATUS', COALESCE(a."completedAt", a."updatedAt"), 'system', a."id",
  'PENDING', a."status"::text,
  jsonb_build_object('resultCode', a."resultCode", 'resultDesc', a."resultDesc", 'failureKind', a."failureKind")
FROM "PaymentAttempt" a WHERE a."status" <> 'PENDING';

INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "fromStatus", "toStatus")
SELECT 'migrated-order-' || o."id", o."id", 'ORDER_STATUS', COALESCE(o."paidAt", o."updatedAt"), 'system', 'PENDING', o."status"::text
FROM "Order" o WHERE o."status" <> 'PENDING';

INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "note")
SELECT 'migrated-dispatched-' || o."id", o."id", 'SELLER_ACTION', o."dispatchedAt", 'system', 'Dispatched'
FROM "Order" o WHERE o."dispatchedAt" IS NOT NULL;

INSERT INTO "OrderEvent" ("id", "orderId", "kind", "at", "actor", "note")
SELECT 'migrated-fulfilled-' || o."id", o."id", 'SELLER_ACTION', o."fulfilledAt", 'system', 'Fulfilled'
FROM "Order" o WHERE o."fulfilledAt" IS NOT NULL;

ALTER TABLE "Order" DROP COLUMN "attentionReason";
