-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsValidFrom" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Order_clientIp_createdAt_idx" ON "Order"("clientIp", "createdAt");
