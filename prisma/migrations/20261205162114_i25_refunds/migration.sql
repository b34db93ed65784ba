-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'REFUND_CONFIRMATION';

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'SENT', 'SUCCEEDED', 'FAILED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "RefundMethod" AS ENUM ('REVERSAL', 'B2C');

-- CreateEnum
CREATE TYPE "StatusCheckPurpose" AS ENUM ('REFUND', 'TYPED_CODE');

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "orderId" TEXT,
    "c2bPaymentId" TEXT,
    "method" "RefundMethod" NOT NULL,
    "amountKes" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "originalReceipt" TEXT,
    "reason" TEXT NOT NULL,
    "restock" BOOLEAN NOT NULL DEFAULT false,
    "status" "RefundStatus" NOT NULL DEFAULT 'REQUESTED',
    "idempotencyKey" TEXT NOT NULL,
    "resultToken" TEXT NOT NULL,
    "originatorConversationId" TEXT,
    "conversationId" TEXT,
    "receipt" TEXT,
    "resultCode" TEXT,
    "resultDesc" TEXT,
    "sellerMessage" TEXT,
    "requestedBy" TEXT NOT NULL,
    "sendStartedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "lastQueriedAt" TIMESTAMP(3),
    "queryCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusCheck" (
    "id" TEXT NOT NULL,
    "purpose" "StatusCheckPurpose" NOT NULL,
    "refundId" TEXT,
    "orderId" TEXT,
    "transactionId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "originatorConversationId" TEXT,
    "clientIp" TEXT,
    "answered" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InitiatorResultEvent" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "refundId" TEXT,
    "checkId" TEXT,
    "rawBody" TEXT NOT NULL,
    "sourceIp" TEXT,
    "verdict" TEXT NOT NULL DEFAULT 'received',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InitiatorResultEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Refund_idempotencyKey_key" ON "Refund"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_resultToken_key" ON "Refund"("resultToken");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_originatorConversationId_key" ON "Refund"("originatorConversationId");

-- CreateIndex
CREATE INDEX "Refund_orderId_idx" ON "Refund"("orderId");

-- CreateIndex
CREATE INDEX "Refund_c2bPaymentId_idx" ON "Refund"("c2bPaymentId");

-- CreateIndex
CREATE INDEX "Refund_status_createdAt_idx" ON "Refund"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusCheck_tokenHash_key" ON "StatusCheck"("tokenHash");

-- CreateIndex
CREATE INDEX "StatusCheck_orderId_createdAt_idx" ON "StatusCheck"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "StatusCheck_purpose_answered_createdAt_idx" ON "StatusCheck"("purpose", "answered", "createdAt");

-- CreateIndex
CREATE INDEX "StatusCheck_clientIp_createdAt_idx" ON "StatusCheck"("clientIp", "createdAt");

-- CreateIndex
CREATE INDEX "InitiatorResultEvent_refundId_idx" ON "InitiatorResultEvent"("refundId");

-- CreateIndex
CREATE INDEX "InitiatorResultEvent_receivedAt_idx" ON "InitiatorResultEvent"("receivedAt");

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_c2bPaymentId_fkey" FOREIGN KEY ("c2bPaymentId") REFERENCES "C2bPayment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiatorResultEvent" ADD CONSTRAINT "InitiatorResultEvent_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;

