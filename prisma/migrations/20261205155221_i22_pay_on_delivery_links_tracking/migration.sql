-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('MPESA_NOW', 'ON_DELIVERY');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'ORDER_PLACED';
ALTER TYPE "NotificationKind" ADD VALUE 'SELLER_NEW_POD_ORDER';
ALTER TYPE "NotificationKind" ADD VALUE 'ORDER_DISPATCHED';
ALTER TYPE "NotificationKind" ADD VALUE 'ORDER_READY_FOR_PICKUP';
ALTER TYPE "NotificationKind" ADD VALUE 'TRACKING_CODE';
ALTER TYPE "NotificationKind" ADD VALUE 'PAYMENT_LINK';

-- AlterTable
ALTER TABLE "DeliverySettings" ADD COLUMN     "payOnDeliveryNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "payOnPickup" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DeliveryZone" ADD COLUMN     "payOnDelivery" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "payOnDeliveryMaxKes" INTEGER;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "paymentLinkId" TEXT,
ADD COLUMN     "paymentMethod" "PaymentMethod" NOT NULL DEFAULT 'MPESA_NOW',
ADD COLUMN     "riderPhone" TEXT;

-- AlterTable
ALTER TABLE "OrderItem" ALTER COLUMN "productId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "PaymentAttempt" ADD COLUMN     "atTheDoor" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BlockedPhone" (
    "phone" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "blockedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockedPhone_pkey" PRIMARY KEY ("phone")
);

-- CreateTable
CREATE TABLE "TrackingCode" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackingCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "deliveryFeeKes" INTEGER NOT NULL,
    "goodsKes" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentLinkLine" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "productId" TEXT,
    "name" TEXT NOT NULL,
    "unitPriceKes" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "PaymentLinkLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrackingCode_orderId_createdAt_idx" ON "TrackingCode"("orderId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLink_tokenHash_key" ON "PaymentLink"("tokenHash");

-- CreateIndex
CREATE INDEX "PaymentLink_createdAt_idx" ON "PaymentLink"("createdAt");

-- CreateIndex
CREATE INDEX "PaymentLinkLine_linkId_idx" ON "PaymentLinkLine"("linkId");

-- CreateIndex
CREATE INDEX "Order_paymentMethod_status_idx" ON "Order"("paymentMethod", "status");

-- CreateIndex
CREATE INDEX "Order_paymentLinkId_idx" ON "Order"("paymentLinkId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_paymentLinkId_fkey" FOREIGN KEY ("paymentLinkId") REFERENCES "PaymentLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingCode" ADD CONSTRAINT "TrackingCode_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentLinkLine" ADD CONSTRAINT "PaymentLinkLine_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "PaymentLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

