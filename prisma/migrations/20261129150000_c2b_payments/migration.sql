-- CreateEnum
CREATE TYPE "C2bPaymentStatus" AS ENUM ('RECEIVED', 'APPLIED', 'UNMATCHED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "C2bEventKind" AS ENUM ('VALIDATION', 'CONFIRMATION');

-- CreateTable
CREATE TABLE "C2bPayment" (
    "id" TEXT NOT NULL,
    "transId" TEXT NOT NULL,
    "transactionType" TEXT NOT NULL,
    "shortcode" TEXT NOT NULL,
    "billRefNumber" TEXT NOT NULL,
    "amountKes" INTEGER NOT NULL,
    "transTime" TIMESTAMP(3) NOT NULL,
    "msisdn" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "status" "C2bPaymentStatus" NOT NULL DEFAULT 'RECEIVED',
    "outcome" TEXT,
    "orderId" TEXT,
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "C2bPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "C2bEvent" (
    "id" TEXT NOT NULL,
    "kind" "C2bEventKind" NOT NULL,
    "rawBody" TEXT NOT NULL,
    "body" JSONB,
    "headers" JSONB NOT NULL,
    "sourceIp" TEXT,
    "transId" TEXT,
    "verdict" "CallbackVerdict" NOT NULL DEFAULT 'RECEIVED',
    "reason" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "C2bEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "C2bRegistration" (
    "id" TEXT NOT NULL,
    "shortcode" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "confirmationUrl" TEXT NOT NULL,
    "validationUrl" TEXT NOT NULL,
    "responseType" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "message" TEXT NOT NULL,
    "registeredBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "C2bRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "C2bPayment_transId_key" ON "C2bPayment"("transId");

-- CreateIndex
CREATE INDEX "C2bPayment_status_receivedAt_idx" ON "C2bPayment"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "C2bPayment_orderId_idx" ON "C2bPayment"("orderId");

-- CreateIndex
CREATE INDEX "C2bEvent_receivedAt_idx" ON "C2bEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "C2bEvent_transId_idx" ON "C2bEvent"("transId");

-- CreateIndex
CREATE UNIQUE INDEX "C2bRegistration_tokenHash_key" ON "C2bRegistration"("tokenHash");

-- CreateIndex
CREATE INDEX "C2bRegistration_ok_createdAt_idx" ON "C2bRegistration"("ok", "createdAt");

-- AddForeignKey
ALTER TABLE "C2bPayment" ADD CONSTRAINT "C2bPayment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

