-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "checkoutKey" TEXT;

-- AlterTable
ALTER TABLE "PaymentAttempt" ADD COLUMN     "mayRetry" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "retryAfter" TIMESTAMP(3),
ADD COLUMN     "shopperMessage" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_checkoutKey_key" ON "Order"("checkoutKey");

