-- CreateEnum
CREATE TYPE "DiscountKind" AS ENUM ('PERCENT', 'FIXED', 'FREE_DELIVERY');

-- AlterEnum


ALTER TYPE "NotificationKind" ADD VALUE 'LOW_STOCK';
ALTER TYPE "NotificationKind" ADD VALUE 'STOCK_SUMMARY';

-- AlterTable
ALTER TABLE "NotificationSettings" ADD COLUMN     "dailyStockSummary" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lowStockThreshold" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "discountCode" TEXT,
ADD COLUMN     "discountCodeId" TEXT,
ADD COLUMN     "discountCounted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "discountKes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "discountKind" "DiscountKind";

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "DiscountKind" NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,
    "minOrderKes" INTEGER,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "maxUses" INTEGER,
    "maxUsesPerPhone" INTEGER,
    "usesCount" INTEGER NOT NULL DEFAULT 0,
    "productIds" TEXT[],
    "categoryIds" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DiscountCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_code_key" ON "DiscountCode"("code");

-- CreateIndex
CREATE INDEX "Order_discountCodeId_status_idx" ON "Order"("discountCodeId", "status");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_discountCodeId_fkey" FOREIGN KEY ("discountCodeId") REFERENCES "DiscountCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

